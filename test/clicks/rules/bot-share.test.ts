import { botShare } from '../../../src/clicks/rules/bot-share.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './bot-share.cases.js';

ruleTester(botShare, cases);
