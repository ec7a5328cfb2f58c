import { cookieWithoutClick } from '../../../src/site/rules/cookie-without-click.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './cookie-without-click.cases.js';

ruleTester(cookieWithoutClick, cases);
