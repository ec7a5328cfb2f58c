import { conversionRateOutlier } from '../../../src/clicks/rules/conversion-rate-outlier.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './conversion-rate-outlier.cases.js';

ruleTester(conversionRateOutlier, cases);
