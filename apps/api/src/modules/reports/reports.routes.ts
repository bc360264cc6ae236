import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DailyPatternReportSchema,
  errorResponses,
  LOGBOOK_PERIOD_MAX_DAYS,
  LogbookReportSchema,
  ReportPeriodQuerySchema,
  StatisticsSchema,
  TrendReportSchema,
} from '@glucodiary/contracts';
import { ReportsService } from './reports.service';

export const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const reports = new ReportsService(app.db);
  const common = { tags: ['reports'], querystring: ReportPeriodQuerySchema };

  app.get(
    '/stats',
    {
      schema: {
        ...common,
        description: "Statistics of the period's readings in the user's unit (default: the last 14 days)",
        response: { 200: StatisticsSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => reports.statistics(request.user.id, request.query),
  );

  app.get(
    '/reports/agp',
    {
      schema: {
        ...common,
        description: 'Daily pattern in the style of the Ambulatory Glucose Profile: percentiles by hour of the local day',
        response: { 200: DailyPatternReportSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => reports.dailyPattern(request.user.id, request.query),
  );

  app.get(
    '/reports/trend',
    {
      schema: {
        ...common,
        description: "The period's readings for a chart, oldest first: each reading, or beyond 2,000 the median, lowest and highest of equal stretches",
        response: { 200: TrendReportSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => reports.trend(request.user.id, request.query),
  );

  app.get(
    '/reports/logbook',
    {
      schema: {
        ...common,
        description: `One row per local day with readings in the columns of a paper diary; at most ${LOGBOOK_PERIOD_MAX_DAYS} days`,
        response: { 200: LogbookReportSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => reports.logbook(request.user.id, request.query),
  );
};
