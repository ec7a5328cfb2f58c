import { sharedConverter } from '../../../src/clicks/rules/shared-converter.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './shared-converter.cases.js';

ruleTester(sharedConverter, cases);
