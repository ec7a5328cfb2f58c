import { noActivationShare } from '../../../src/clicks/rules/no-activation-share.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './no-activation-share.cases.js';

ruleTester(noActivationShare, cases);
