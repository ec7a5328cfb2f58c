import { botAgent } from '../../../src/clicks/rules/bot-agent.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './bot-agent.cases.js';

ruleTester(botAgent, cases);
