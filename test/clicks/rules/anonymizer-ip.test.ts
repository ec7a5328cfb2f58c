import { anonymizerIp } from '../../../src/clicks/rules/anonymizer-ip.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './anonymizer-ip.cases.js';

ruleTester(anonymizerIp, cases);
