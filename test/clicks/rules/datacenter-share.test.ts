import { datacenterShare } from '../../../src/clicks/rules/datacenter-share.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './datacenter-share.cases.js';

ruleTester(datacenterShare, cases);
