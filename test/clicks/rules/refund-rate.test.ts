import { refundRate } from '../../../src/clicks/rules/refund-rate.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './refund-rate.cases.js';

ruleTester(refundRate, cases);
