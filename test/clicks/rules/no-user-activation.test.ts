import { noUserActivation } from '../../../src/clicks/rules/no-user-activation.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './no-user-activation.cases.js';

ruleTester(noUserActivation, cases);
