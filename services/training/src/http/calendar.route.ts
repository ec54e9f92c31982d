import type { ExtraRoute } from '@mamis/platform';
import { clock, onlyUuids } from '@mamis/platform';
import type { Repositories } from '../repositories';
import { renderCalendar } from '../domain/icalendar';
import { sessionEnd } from '../domain/session-times';

export const CALENDAR_PREFIX = '/calendar/';
const PATH = /^\/calendar\/([0-9a-fA-F-]{36})\.ics$/;

/** How far back the feed goes (calendar clients keep what they have). */
const HISTORY_MS = 365 * 24 * 60 * 60 * 1000;
const MAX_EVENTS = 1000;

/**
 * `GET /calendar/<associationId>.ics`: the association's PUBLIC sessions as iCalendar (RFC 5545).
 * Public (no login): organisational data only — title, time, place; never attendees.
 */
export const calendarRoute = (repos: Repositories): ExtraRoute => ({
  prefix: CALENDAR_PREFIX,
  handler: async (req, res, url) => {
    const id = PATH.exec(url.pathname)?.[1];
    const name = id && onlyUuids([id]).length ? await repos.sessions.associationName(id) : null;
    if (!id || !name) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return;
    }
    const sessions = await repos.sessions.publicByHost(
      id,
      new Date(clock.now().getTime() - HISTORY_MS),
      MAX_EVENTS,
    );
    const body = renderCalendar(
      sessions.map((s) => ({
        id: s.id,
        title: s.title,
        programCode: s.programCode,
        startsAt: s.startsAt,
        endsAt: sessionEnd(s),
        venue: s.venue,
        onlineUrl: s.onlineUrl,
        units: Number(s.units),
        status: s.status,
        version: s.version,
        updatedAt: s.updatedAt,
      })),
      { name: `${name} 研修会 (training sessions)` },
    );
    res.writeHead(200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="${id}.ics"`,
      'cache-control': 'public, max-age=300',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  },
});
