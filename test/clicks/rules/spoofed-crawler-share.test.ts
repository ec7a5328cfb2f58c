import { spoofedCrawlerShare } from '../../../src/clicks/rules/spoofed-crawler-share.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './spoofed-crawler-share.cases.js';

ruleTester(spoofedCrawlerShare, cases);
