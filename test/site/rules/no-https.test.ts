import { noHttps } from '../../../src/site/rules/no-https.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './no-https.cases.js';

ruleTester(noHttps, cases);
