/**
 * The message catalogue: one file per locale and domain (`en/<domain>.ts`, `es/<domain>.ts`, keys prefixed by the
 * domain). Each `es` file must have exactly its `en` file's keys (checked by the compiler); a new domain adds its two
 * files and one line to each list below.
 */
import enAuth from './en/auth';
import enCases from './en/cases';
import enCommon from './en/common';
import enCommunity from './en/community';
import enDeflection from './en/deflection';
import enIncidents from './en/incidents';
import enKb from './en/kb';
import enModeration from './en/moderation';
import enNotifications from './en/notifications';
import enReports from './en/reports';
import enReputation from './en/reputation';
import enSearch from './en/search';
import enSupport from './en/support';
import esAuth from './es/auth';
import esCases from './es/cases';
import esCommon from './es/common';
import esCommunity from './es/community';
import esDeflection from './es/deflection';
import esIncidents from './es/incidents';
import esKb from './es/kb';
import esModeration from './es/moderation';
import esNotifications from './es/notifications';
import esReports from './es/reports';
import esReputation from './es/reputation';
import esSearch from './es/search';
import esSupport from './es/support';

const en = {
  ...enCommon,
  ...enAuth,
  ...enCommunity,
  ...enModeration,
  ...enKb,
  ...enIncidents,
  ...enSupport,
  ...enSearch,
  ...enNotifications,
  ...enCases,
  ...enReports,
  ...enReputation,
  ...enDeflection,
};

export type MessageKey = keyof typeof en;

const es: Record<MessageKey, string> = {
  ...esCommon,
  ...esAuth,
  ...esCommunity,
  ...esModeration,
  ...esKb,
  ...esIncidents,
  ...esSupport,
  ...esSearch,
  ...esNotifications,
  ...esCases,
  ...esReports,
  ...esReputation,
  ...esDeflection,
};

export const MESSAGES = { en, es } as const;
