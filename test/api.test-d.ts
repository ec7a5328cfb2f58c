import { describe, expectTypeOf, it } from 'vitest';
import {
  analyzeHtml,
  classifyIp,
  classifyUserAgent,
  createClickScreener,
  createRenderer,
  evaluate,
  loadRuleSet,
  scanClicks,
  screenSite,
  type AgentInfo,
  type ClickVerdict,
  type Evaluation,
  type Hit,
  type IpInfo,
  type RuleSet,
  type RuleSetError,
  type RuleSetIssue,
  type ScanReport,
  type SiteAction,
  type SiteReport,
  type RenderFeatures,
  type Renderer,
  type ScreenSiteOptions,
} from '../src/index.js';

describe('public API types', () => {
  it('loadRuleSet returns a RuleSet', () => {
    expectTypeOf(loadRuleSet).parameter(0).toEqualTypeOf<string | Record<string, unknown> | RuleSet>();
    expectTypeOf(loadRuleSet('onboarding')).toEqualTypeOf<RuleSet>();
  });

  it('evaluate narrows the action to the subject', () => {
    expectTypeOf(evaluate<'site'>).returns.toEqualTypeOf<Evaluation<'site'>>();
    expectTypeOf<Evaluation<'site'>['action']>().toEqualTypeOf<SiteAction>();
    expectTypeOf<Evaluation<'click'>['action']>().toEqualTypeOf<'allow' | 'flag' | 'block'>();
    expectTypeOf<Evaluation<'partner'>['action']>().toEqualTypeOf<'allow' | 'review' | 'cap' | 'block'>();
  });

  it('site reports are site evaluations with a URL', () => {
    expectTypeOf(screenSite).returns.toEqualTypeOf<Promise<SiteReport>>();
    expectTypeOf(analyzeHtml).returns.toEqualTypeOf<SiteReport>();
    expectTypeOf<SiteReport>().toMatchTypeOf<Evaluation<'site'>>();
    expectTypeOf<SiteReport['action']>().toEqualTypeOf<SiteAction>();
    expectTypeOf<SiteReport['url']>().toEqualTypeOf<string>();
  });

  it('render mode is an option and its features are plain data on the report', () => {
    expectTypeOf(createRenderer).returns.toEqualTypeOf<Renderer>();
    expectTypeOf<Renderer['render']>().returns.toEqualTypeOf<Promise<RenderFeatures>>();
    expectTypeOf<SiteReport['features']['render']>().toEqualTypeOf<RenderFeatures | null>();
    expectTypeOf<RenderFeatures['outcome']>().toEqualTypeOf<'ok' | 'timeout' | 'failed'>();
    expectTypeOf<{ render: true }>().toMatchTypeOf<ScreenSiteOptions>();
    expectTypeOf<{ render: { timeoutMs: number; maxRequests: number } }>().toMatchTypeOf<ScreenSiteOptions>();
    expectTypeOf<SiteReport['features']['deadline']>().toEqualTypeOf<{ readonly ms: number; readonly ranOut: readonly string[] } | null>();
  });

  it('click verdicts and scan reports carry their subject\'s actions', () => {
    expectTypeOf(scanClicks).returns.toEqualTypeOf<Promise<ScanReport>>();
    expectTypeOf(createClickScreener).returns.toHaveProperty('score');
    expectTypeOf<ReturnType<typeof createClickScreener>['score']>().returns.toEqualTypeOf<ClickVerdict>();
    expectTypeOf<ClickVerdict['action']>().toEqualTypeOf<'allow' | 'flag' | 'block'>();
    expectTypeOf<ScanReport['partners'][number]['action']>().toEqualTypeOf<'allow' | 'review' | 'cap' | 'block'>();
    expectTypeOf<ScanReport['totals']['rows']>().toEqualTypeOf<number>();
    // Null when the scan saw no click or conversion and was given no period.
    expectTypeOf<ScanReport['period']>().toEqualTypeOf<{ readonly from: string; readonly to: string } | null>();
    expectTypeOf<ScanReport['partners'][number]['stats']['ctit']['negative']>().toEqualTypeOf<number>();
  });

  it('signals return their documented shapes', () => {
    expectTypeOf(classifyUserAgent).returns.toEqualTypeOf<AgentInfo>();
    expectTypeOf<AgentInfo['kind']>().toEqualTypeOf<'browser' | 'bot' | 'unknown'>();
    expectTypeOf(classifyIp).returns.toEqualTypeOf<IpInfo>();
    expectTypeOf<Extract<IpInfo, { valid: false }>['reason']>().not.toBeAny();
  });

  it('never leaks any', () => {
    expectTypeOf<Hit['evidence']>().not.toBeAny();
    expectTypeOf<RuleSet['rules'][number]['options']>().not.toBeAny();
    expectTypeOf<SiteReport['features']>().not.toBeAny();
    expectTypeOf<ScanReport['partners'][number]['stats']>().not.toBeAny();
    expectTypeOf<ClickVerdict['hits']>().not.toBeAny();
    expectTypeOf<RuleSetError['issues']>().toEqualTypeOf<readonly RuleSetIssue[]>();
    expectTypeOf<RuleSetIssue['received']>().toBeUnknown();
  });
});
