/**
 * One table of cases per rule of the session contract (shared/spec/sessions.md §3, §4),
 * each with the exact sessions and stitched sessions a user must get.
 * Times are minutes after T0; `describeSession` prints
 * `state start-end startReason>endReason flags [event types]` (`!` = late report).
 */
import { expect } from 'chai';
import { deriveSessions, type RawEvent, type SessionOptions } from './index.js';
import { at, HOUR, MINUTE, SECOND, T0, sessionsOf, stitchedOf } from '../../test/fixtures/events.js';

interface Case {
  name: string;
  events: RawEvent[];
  options?: SessionOptions;
  sessions: string[];
  stitched?: string[];
}

function table(rule: string, cases: Case[]): void {
  describe(rule, () => {
    for (const c of cases) {
      it(c.name, () => {
        const model = deriveSessions(c.events, c.options);
        expect(sessionsOf(model), 'sessions').to.deep.equal(c.sessions);
        if (c.stitched) expect(stitchedOf(model), 'stitched sessions').to.deep.equal(c.stitched);
        expect(model.stats.dropped).to.equal(0);
      });
    }
  });
}

const s = SECOND / MINUTE; // one second, in minutes

table('rule 3.1: app.launch starts a cold session; an open one ends abnormal', [
  {
    name: 'a foreground launch starts a cold foreground session holding the launch',
    events: [at(0, 'app.launch'), at(1, 'view'), at(2, 'tap')],
    sessions: ['fg 0-2 launch>open cold [app.launch view tap]'],
    stitched: ['1 0-2 open'],
  },
  {
    name: 'a launch into the background starts a background session',
    events: [at(0, 'app.launch', { state: 'background' }), at(1, 'network')],
    sessions: ['bg 0-1 launch>open cold [app.launch network]'],
  },
  {
    name: 'a launch while a session is open ends it abnormal at its last event',
    events: [at(0, 'app.launch'), at(3, 'view'), at(20, 'app.launch'), at(21, 'view')],
    sessions: ['fg 0-3 launch>abnormal cold [app.launch view]', 'fg 20-21 launch>open cold [app.launch view]'],
    stitched: ['1-2 0-21 open'],
  },
  {
    name: 'an open session with no event of its own ends abnormal at its start',
    events: [at(0, 'app.launch'), at(5, 'app.background'), at(10, 'app.launch')],
    sessions: [
      'fg 0-5 launch>background cold [app.launch app.background]',
      'bg 5-5 background>abnormal []',
      'fg 10-10 launch>open cold [app.launch]',
    ],
  },
]);

table('rule 3.2: app.foreground, warm starts and the launch grace', [
  {
    name: 'foregrounding ends the background session and starts a warm foreground session',
    events: [at(0, 'app.launch'), at(1, 'app.background'), at(5, 'app.foreground'), at(6, 'view')],
    sessions: [
      'fg 0-1 launch>background cold [app.launch app.background]',
      'bg 1-5 background>foreground []',
      'fg 5-6 foreground>open [app.foreground view]',
    ],
    stitched: ['1-3 0-6 open'],
  },
  {
    name: 'foregrounding with no open session starts a foreground session',
    events: [at(0, 'app.foreground'), at(1, 'view')],
    sessions: ['fg 0-1 foreground>open [app.foreground view]'],
  },
  {
    name: 'a foreground session already open stays open',
    events: [at(0, 'app.launch'), at(1, 'app.foreground'), at(2, 'view')],
    sessions: ['fg 0-2 launch>open cold [app.launch app.foreground view]'],
  },
  {
    name: 'a background launch foregrounded within the grace is one cold foreground session',
    events: [at(0, 'app.launch', { state: 'background' }), at(2 * s, 'view'), at(4 * s, 'app.foreground'), at(1, 'tap')],
    sessions: ['fg 0-1 launch>open cold [app.launch view app.foreground tap]'],
  },
  {
    name: 'foregrounded exactly at the end of the grace, the launch stays a background session',
    events: [at(0, 'app.launch', { state: 'background' }), at(5 * s, 'app.foreground')],
    sessions: ['bg 0-0.083 launch>foreground cold [app.launch]', 'fg 0.083-0.083 foreground>open [app.foreground]'],
  },
  {
    name: 'the grace follows launchGraceMs',
    options: { launchGraceMs: 60 * SECOND },
    events: [at(0, 'app.launch', { state: 'background' }), at(0.5, 'app.foreground')],
    sessions: ['fg 0-0.5 launch>open cold [app.launch app.foreground]'],
  },
  {
    name: 'a launch that becomes foreground by the grace is stitched as a foreground session',
    events: [
      at(0, 'app.launch', { state: 'background' }),
      at(40, 'app.launch', { state: 'background' }),
      at(40 + s, 'app.foreground'),
    ],
    sessions: ['bg 0-30 launch>inactivity cold [app.launch]', 'fg 40-40.017 launch>open cold [app.launch app.foreground]'],
    stitched: ['1 0-30 foregrounded', '2 40-40.017 open'],
  },
]);

table('rule 3.3: app.background', [
  {
    name: 'backgrounding ends the foreground session and starts a background session at the same instant',
    events: [at(0, 'app.launch'), at(10, 'app.background'), at(12, 'network')],
    sessions: ['fg 0-10 launch>background cold [app.launch app.background]', 'bg 10-12 background>open [network]'],
  },
  {
    name: 'backgrounding while already in the background keeps the session',
    events: [at(0, 'app.launch', { state: 'background' }), at(1, 'app.background'), at(2, 'log')],
    sessions: ['bg 0-2 launch>open cold [app.launch app.background log]'],
  },
  {
    name: 'backgrounding with no open session starts a background session',
    events: [at(0, 'app.background'), at(1, 'log')],
    sessions: ['bg 0-1 background>open [app.background log]'],
  },
]);

table('rule 3.4: session.end ends the session on purpose', [
  {
    name: 'a manual end is followed by a session in the same state at the same instant',
    events: [at(0, 'app.launch'), at(5, 'tap'), at(6, 'session.end'), at(7, 'view')],
    sessions: ['fg 0-6 launch>manual cold [app.launch tap session.end]', 'fg 6-7 manual>open [view]'],
    stitched: ['1 0-6 manual', '2 6-7 open'],
  },
  {
    name: 'a manual end in the background continues in the background',
    events: [at(0, 'app.launch'), at(1, 'app.background'), at(3, 'session.end'), at(4, 'log')],
    sessions: [
      'fg 0-1 launch>background cold [app.launch app.background]',
      'bg 1-3 background>manual [session.end]',
      'bg 3-4 manual>open [log]',
    ],
    stitched: ['1-2 0-3 manual', '3 3-4 open'],
  },
]);

table('rule 3.5: crash, anr, oom and app.terminate end the process', [
  ...(
    [
      ['crash', 'crash'],
      ['anr', 'anr'],
      ['oom', 'oom'],
      ['app.terminate', 'user_terminated'],
    ] as const
  ).map(([type, reason]) => ({
    name: `${type} ends the open session with reason ${reason} and belongs to it`,
    events: [at(0, 'app.launch'), at(4, 'view'), at(5, type), at(9, 'app.launch')],
    sessions: [`fg 0-5 launch>${reason} cold [app.launch view ${type}]`, 'fg 9-9 launch>open cold [app.launch]'],
    stitched: ['1-2 0-9 open'],
  })),
]);

table('rule 3.6: late crash reports', [
  {
    name: 'a crash naming a vanished process turns its abnormal end into a crash',
    events: [
      at(0, 'app.launch', { processId: 'p1' }),
      at(3, 'view', { processId: 'p1' }),
      at(60, 'app.launch', { processId: 'p2' }),
      at(60 + s, 'crash', { processId: 'p1', name: 'NullPointerException' }),
      at(61, 'view', { processId: 'p2' }),
    ],
    sessions: ['fg 0-3 launch>crash cold [app.launch view crash!]', 'fg 60-61 launch>open cold [app.launch view]'],
  },
  {
    name: 'a report naming an ended session by sessionId is attached to it',
    events: [
      at(0, 'app.launch', { sessionId: 'S1' }),
      at(2, 'tap', { sessionId: 'S1' }),
      at(30, 'app.launch', { sessionId: 'S2' }),
      at(31, 'anr', { sessionId: 'S1' }),
    ],
    sessions: ['fg 0-2 launch>anr cold [app.launch tap anr!]', 'fg 30-30 launch>open cold [app.launch]'],
  },
  {
    name: 'the report changes the last session of the process, which the continuing sessions carry',
    events: [
      at(0, 'app.launch', { processId: 'p1' }),
      at(1, 'app.background'),
      at(2, 'app.foreground'),
      at(3, 'view'),
      at(50, 'app.launch', { processId: 'p2' }),
      at(51, 'oom', { processId: 'p1' }),
    ],
    sessions: [
      'fg 0-1 launch>background cold [app.launch app.background]',
      'bg 1-2 background>foreground []',
      'fg 2-3 foreground>oom [app.foreground view oom!]',
      'fg 50-50 launch>open cold [app.launch]',
    ],
  },
  {
    name: 'a second report of a process that crashed keeps the first reason',
    events: [
      at(0, 'app.launch', { processId: 'p1' }),
      at(1, 'crash', { processId: 'p1' }),
      at(5, 'app.launch', { processId: 'p2' }),
      at(6, 'app.terminate', { processId: 'p1' }),
    ],
    sessions: ['fg 0-1 launch>crash cold [app.launch crash app.terminate!]', 'fg 5-5 launch>open cold [app.launch]'],
  },
  {
    name: 'a report at the very instant its process died is late and keeps the first reason',
    events: [at(0, 'app.launch', { processId: 'p1' }), at(1, 'anr', { processId: 'p1' }), at(1, 'crash', { processId: 'p1' })],
    sessions: ['fg 0-1 launch>anr cold [app.launch anr crash!]'],
  },
  {
    name: 'a crash of the running process is no late report',
    events: [at(0, 'app.launch', { processId: 'p1', sessionId: 'S1' }), at(1, 'crash', { processId: 'p1', sessionId: 'S1' })],
    sessions: ['fg 0-1 launch>crash cold [app.launch crash]'],
  },
]);

table('rule 3.7: implicit sessions', [
  {
    name: 'activity with no open session starts an implicit foreground session',
    events: [at(0, 'view'), at(1, 'tap')],
    sessions: ['fg 0-1 implicit>open implicit [view tap]'],
  },
  {
    name: 'an implicit session takes the state of the device last session',
    events: [at(0, 'app.launch'), at(1, 'app.background'), at(40, 'network')],
    sessions: [
      'fg 0-1 launch>background cold [app.launch app.background]',
      'bg 1-31 background>inactivity []',
      'bg 40-40 implicit>open implicit [network]',
    ],
  },
  {
    name: 'a session.end with no open session starts an implicit session and ends it',
    events: [at(0, 'session.end'), at(1, 'tap')],
    sessions: ['fg 0-0 implicit>manual implicit [session.end]', 'fg 0-1 manual>open implicit [tap]'],
  },
  {
    name: 'a crash with no open session that is no late report is an implicit session of its own',
    events: [at(0, 'crash', { processId: 'p9' }), at(1, 'view')],
    sessions: ['fg 0-0 implicit>crash implicit [crash]', 'fg 1-1 implicit>open implicit [view]'],
  },
]);

table('rule 3.8: inactivity', [
  {
    name: 'a background session times out at start + inactivityTimeoutMs',
    events: [at(0, 'app.launch'), at(10, 'app.background'), at(20, 'log'), at(90, 'app.foreground')],
    sessions: [
      'fg 0-10 launch>background cold [app.launch app.background]',
      'bg 10-40 background>inactivity [log]',
      'fg 90-90 foreground>open [app.foreground]',
    ],
    stitched: ['1-2 0-40 inactivity', '3 90-90 open'],
  },
  {
    name: 'an event at the very instant of the timeout comes after it',
    events: [at(0, 'app.launch'), at(10, 'app.background'), at(40, 'log')],
    sessions: [
      'fg 0-10 launch>background cold [app.launch app.background]',
      'bg 10-40 background>inactivity []',
      'bg 40-40 implicit>open implicit [log]',
    ],
  },
  {
    name: 'the timeout follows inactivityTimeoutMs',
    options: { inactivityTimeoutMs: 5 * MINUTE },
    events: [at(0, 'app.launch', { state: 'background' }), at(7, 'log')],
    sessions: ['bg 0-5 launch>inactivity cold [app.launch]', 'bg 7-7 implicit>open implicit [log]'],
  },
  {
    name: 'an implicit session ends at its last event when the next comes a timeout later',
    events: [at(0, 'view'), at(10, 'tap'), at(40, 'tap')],
    sessions: ['fg 0-10 implicit>inactivity implicit [view tap]', 'fg 40-40 implicit>open implicit [tap]'],
    stitched: ['1 0-10 inactivity', '2 40-40 open'],
  },
  {
    name: 'an implicit session stays open while events come within the timeout',
    events: [at(0, 'view'), at(29, 'tap'), at(58, 'tap')],
    sessions: ['fg 0-58 implicit>open implicit [view tap tap]'],
  },
  {
    name: 'a session continuing an implicit one by a manual end is implicit too',
    events: [at(0, 'view'), at(1, 'session.end'), at(60, 'tap')],
    sessions: [
      'fg 0-1 implicit>manual implicit [view session.end]',
      'fg 1-1 manual>inactivity implicit []',
      'fg 60-60 implicit>open implicit [tap]',
    ],
  },
  {
    name: 'a foreground session begun by a launch does not time out',
    events: [at(0, 'app.launch'), at(5, 'view'), at(125, 'tap')],
    sessions: ['fg 0-125 launch>open cold [app.launch view tap]'],
    stitched: ['1 0-125 open'],
  },
]);

table('rule 3.9: max duration', [
  {
    name: 'a stitched session reaching maxDurationMs splits the open session there',
    options: { maxDurationMs: 2 * HOUR },
    events: [at(0, 'app.launch'), at(60, 'view'), at(119, 'view'), at(130, 'tap')],
    sessions: ['fg 0-120 launch>max_duration cold [app.launch view view]', 'fg 120-130 rollover>open [tap]'],
    stitched: ['1 0-120 max_duration', '2 120-130 open'],
  },
  {
    name: 'an event at the very instant of the split belongs to the new session',
    options: { maxDurationMs: 2 * HOUR },
    events: [at(0, 'app.launch'), at(120, 'tap')],
    sessions: ['fg 0-120 launch>max_duration cold [app.launch]', 'fg 120-120 rollover>open [tap]'],
  },
  {
    name: 'the default is 12 hours and a long run splits more than once',
    events: [at(0, 'app.launch', { processId: 'p1' }), at(25 * 60, 'view')],
    sessions: [
      'fg 0-720 launch>max_duration cold [app.launch]',
      'fg 720-1440 rollover>max_duration []',
      'fg 1440-1500 rollover>open [view]',
    ],
    stitched: ['1 0-720 max_duration', '2 720-1440 max_duration', '3 1440-1500 open'],
  },
  {
    name: 'the split measures from the start of the stitched session, not of the session',
    options: { maxDurationMs: 2 * HOUR },
    events: [at(0, 'app.launch'), at(100, 'app.background'), at(110, 'app.foreground'), at(125, 'tap')],
    sessions: [
      'fg 0-100 launch>background cold [app.launch app.background]',
      'bg 100-110 background>foreground []',
      'fg 110-120 foreground>max_duration [app.foreground]',
      'fg 120-125 rollover>open [tap]',
    ],
    stitched: ['1-3 0-120 max_duration', '4 120-125 open'],
  },
]);

table('rule 3.10: the end of the data', [
  {
    name: 'a session still open ends at its last event with reason open',
    events: [at(0, 'app.launch'), at(10, 'app.background')],
    sessions: ['fg 0-10 launch>background cold [app.launch app.background]', 'bg 10-10 background>open []'],
  },
  {
    name: 'with now, a background session past its timeout ends by inactivity',
    options: { now: T0 + 60 * MINUTE },
    events: [at(0, 'app.launch'), at(10, 'app.background')],
    sessions: ['fg 0-10 launch>background cold [app.launch app.background]', 'bg 10-40 background>inactivity []'],
  },
  {
    name: 'with now, an implicit session idle for a timeout ends by inactivity',
    options: { now: T0 + 45 * MINUTE },
    events: [at(0, 'view'), at(10, 'tap')],
    sessions: ['fg 0-10 implicit>inactivity implicit [view tap]'],
  },
  {
    name: 'with now, splits happen up to now',
    options: { now: T0 + 13 * HOUR },
    events: [at(0, 'app.launch'), at(60, 'view')],
    sessions: ['fg 0-720 launch>max_duration cold [app.launch view]', 'fg 720-720 rollover>open []'],
  },
  {
    name: 'with now before the timeout, the session stays open',
    options: { now: T0 + 20 * MINUTE },
    events: [at(0, 'app.launch'), at(10, 'app.background')],
    sessions: ['fg 0-10 launch>background cold [app.launch app.background]', 'bg 10-10 background>open []'],
  },
]);

table('rule 3.11: lifecycle events belong to the session they start or end', [
  {
    name: 'app.launch and app.foreground open their session; app.background and session.end close theirs',
    events: [at(0, 'app.launch'), at(1, 'app.background'), at(2, 'app.foreground'), at(3, 'session.end'), at(4, 'tap')],
    sessions: [
      'fg 0-1 launch>background cold [app.launch app.background]',
      'bg 1-2 background>foreground []',
      'fg 2-3 foreground>manual [app.foreground session.end]',
      'fg 3-4 manual>open [tap]',
    ],
  },
  {
    name: 'crash, anr, oom and app.terminate close the session they end',
    events: [at(0, 'app.launch'), at(1, 'anr'), at(2, 'app.launch'), at(3, 'app.terminate')],
    sessions: ['fg 0-1 launch>anr cold [app.launch anr]', 'fg 2-3 launch>user_terminated cold [app.launch app.terminate]'],
  },
]);

table('rule 3.12: sessions never overlap and hold their events, late reports aside', [
  {
    name: 'an abnormal end falls on the last event, before the next launch; a late report lies after its session',
    events: [at(0, 'app.launch', { processId: 'p1' }), at(7, 'view'), at(9, 'app.launch', { processId: 'p2' }), at(9.5, 'crash', { processId: 'p1' })],
    sessions: ['fg 0-7 launch>crash cold [app.launch view crash!]', 'fg 9-9 launch>open cold [app.launch]'],
  },
]);

table('§4: stitched sessions', [
  {
    name: 'a foreground session a timeout or more after the last foreground one starts a new stitched session',
    events: [at(0, 'app.launch'), at(5, 'app.background'), at(34, 'app.foreground'), at(40, 'app.background'), at(70, 'app.foreground')],
    sessions: [
      'fg 0-5 launch>background cold [app.launch app.background]',
      'bg 5-34 background>foreground []',
      'fg 34-40 foreground>background [app.foreground app.background]',
      'bg 40-70 background>inactivity []',
      'fg 70-70 foreground>open [app.foreground]',
    ],
    stitched: ['1-4 0-70 inactivity', '5 70-70 open'],
  },
  {
    name: 'a background-only stitched session ends when a foreground session comes',
    events: [at(0, 'app.launch', { state: 'background' }), at(2, 'network'), at(10, 'app.foreground')],
    sessions: ['bg 0-10 launch>foreground cold [app.launch network]', 'fg 10-10 foreground>open [app.foreground]'],
    stitched: ['1 0-10 foregrounded', '2 10-10 open'],
  },
  {
    name: 'a background session a timeout after the last foreground session begins a background-only one',
    events: [at(0, 'app.launch'), at(5, 'app.terminate'), at(60, 'app.launch', { state: 'background' }), at(70, 'app.foreground')],
    sessions: [
      'fg 0-5 launch>user_terminated cold [app.launch app.terminate]',
      'bg 60-70 launch>foreground cold [app.launch]',
      'fg 70-70 foreground>open [app.foreground]',
    ],
    stitched: ['1 0-5 inactivity', '2 60-70 foregrounded', '3 70-70 open'],
  },
  {
    name: 'crashes, ANRs and relaunches do not end a stitched session',
    events: [at(0, 'app.launch'), at(2, 'crash'), at(3, 'app.launch'), at(4, 'anr'), at(6, 'app.launch')],
    sessions: [
      'fg 0-2 launch>crash cold [app.launch crash]',
      'fg 3-4 launch>anr cold [app.launch anr]',
      'fg 6-6 launch>open cold [app.launch]',
    ],
    stitched: ['1-3 0-6 open'],
  },
  {
    name: 'a session starting at or after the max duration starts a new stitched session',
    options: { maxDurationMs: HOUR },
    events: [at(0, 'app.launch', { state: 'background' }), at(20, 'app.launch', { state: 'background' }), at(60, 'app.launch', { state: 'background' })],
    sessions: ['bg 0-0 launch>abnormal cold [app.launch]', 'bg 20-50 launch>inactivity cold [app.launch]', 'bg 60-60 launch>open cold [app.launch]'],
    stitched: ['1-2 0-50 max_duration', '3 60-60 open'],
  },
]);
