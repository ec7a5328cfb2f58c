import { uaRotation } from '../../../src/clicks/rules/ua-rotation.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './ua-rotation.cases.js';

ruleTester(uaRotation, cases);
