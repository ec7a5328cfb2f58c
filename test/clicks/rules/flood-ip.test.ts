import { floodIp } from '../../../src/clicks/rules/flood-ip.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './flood-ip.cases.js';

ruleTester(floodIp, cases);
