import { referrerMismatch } from '../../../src/clicks/rules/referrer-mismatch.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './referrer-mismatch.cases.js';

ruleTester(referrerMismatch, cases);
