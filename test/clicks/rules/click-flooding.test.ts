import { clickFlooding } from '../../../src/clicks/rules/click-flooding.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './click-flooding.cases.js';

ruleTester(clickFlooding, cases);
