import { hiddenAffiliateImage } from '../../../src/site/rules/hidden-affiliate-image.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './hidden-affiliate-image.cases.js';

ruleTester(hiddenAffiliateImage, cases);
