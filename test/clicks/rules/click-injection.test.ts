import { clickInjection } from '../../../src/clicks/rules/click-injection.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './click-injection.cases.js';

ruleTester(clickInjection, cases);
