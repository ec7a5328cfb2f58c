import { brandTyposquat } from '../../../src/site/rules/brand-typosquat.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './brand-typosquat.cases.js';

ruleTester(brandTyposquat, cases);
