import { clickWithoutGesture } from '../../../src/site/rules/click-without-gesture.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './click-without-gesture.cases.js';

ruleTester(clickWithoutGesture, cases);
