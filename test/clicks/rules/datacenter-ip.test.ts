import { datacenterIp } from '../../../src/clicks/rules/datacenter-ip.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './datacenter-ip.cases.js';

ruleTester(datacenterIp, cases);
