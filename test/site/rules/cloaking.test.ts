import { cloaking } from '../../../src/site/rules/cloaking.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './cloaking.cases.js';

ruleTester(cloaking, cases);
