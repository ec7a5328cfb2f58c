import { spoofedCrawler } from '../../../src/clicks/rules/spoofed-crawler.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './spoofed-crawler.cases.js';

ruleTester(spoofedCrawler, cases);
