import { obfuscatedScript } from '../../../src/site/rules/obfuscated-script.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './obfuscated-script.cases.js';

ruleTester(obfuscatedScript, cases);
