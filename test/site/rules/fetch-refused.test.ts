import { fetchRefused } from '../../../src/site/rules/fetch-refused.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './fetch-refused.cases.js';

ruleTester(fetchRefused, cases);
