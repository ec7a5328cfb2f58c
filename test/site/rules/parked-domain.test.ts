import { parkedDomain } from '../../../src/site/rules/parked-domain.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './parked-domain.cases.js';

ruleTester(parkedDomain, cases);
