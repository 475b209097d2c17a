-- Participation (issue 9): citizen proposals, dialogues and participatory budgeting.
-- Residents' personal data: a proposal may carry a contact address for the answer; it is never
-- returned by the public API. Voting codes are stored only as hashes; a ballot has no link to a
-- code or a voter and no time of voting.

-- Support thresholds per area (a proposal that reaches it within the period goes to the committee).
CREATE TABLE participation_threshold (
  division_id  text NOT NULL,
  area_code    text NOT NULL,
  supports     integer NOT NULL CHECK (supports > 0),
  period_days  integer NOT NULL CHECK (period_days > 0),
  PRIMARY KEY (division_id, area_code),
  FOREIGN KEY (division_id, area_code) REFERENCES area(division_id, code)
);

CREATE TABLE participation_proposal (
  id               bigserial PRIMARY KEY,
  division_id      text NOT NULL,
  area_code        text NOT NULL,
  title            text NOT NULL,
  body             text NOT NULL,
  goal_area_id     text REFERENCES goal_area(id),
  latitude         double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude        double precision CHECK (longitude BETWEEN -180 AND 180),
  contact          text,                       -- never published
  status           text NOT NULL DEFAULT 'submitted'
                   CHECK (status IN ('submitted', 'published', 'rejected', 'committee', 'answered')),
  moderation_note  text,
  submitted_on     date NOT NULL,
  support_until    date,                       -- set when published
  supports_needed  integer,                    -- the area's threshold when published
  reached_on       date,                       -- the day the threshold was reached
  committee_answer text,
  committee_decision text CHECK (committee_decision IN ('approved', 'partly_approved', 'rejected')),
  answered_on      date,
  FOREIGN KEY (division_id, area_code) REFERENCES area(division_id, code)
);
CREATE INDEX participation_proposal_area_idx ON participation_proposal (division_id, area_code);

-- One row per supporter key (a hash: the key itself is never stored).
CREATE TABLE participation_support (
  proposal_id  bigint NOT NULL REFERENCES participation_proposal(id) ON DELETE CASCADE,
  key_hash     text NOT NULL,
  PRIMARY KEY (proposal_id, key_hash)
);

CREATE TABLE participation_proposal_intervention (
  proposal_id     bigint NOT NULL REFERENCES participation_proposal(id) ON DELETE CASCADE,
  intervention_id text NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
  PRIMARY KEY (proposal_id, intervention_id)
);

CREATE TABLE participation_dialogue (
  id            bigserial PRIMARY KEY,
  held_on       date NOT NULL,
  place         text NOT NULL DEFAULT '',      -- a place or a channel ('digital', 'Husby träff', …)
  division_id   text NOT NULL,
  area_code     text NOT NULL,
  goal_area_id  text REFERENCES goal_area(id),
  topic         text NOT NULL,
  participants  integer NOT NULL CHECK (participants >= 0),
  summary       text NOT NULL DEFAULT '',      -- what was said
  fed_into      text NOT NULL DEFAULT '',      -- what it fed into
  FOREIGN KEY (division_id, area_code) REFERENCES area(division_id, code)
);
CREATE INDEX participation_dialogue_area_idx ON participation_dialogue (division_id, area_code);

CREATE TABLE participation_process (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  description  text NOT NULL DEFAULT '',
  division_id  text NOT NULL,
  area_code    text NOT NULL,
  budget_sek   bigint NOT NULL CHECK (budget_sek >= 0),
  rule         text NOT NULL CHECK (rule IN ('greedy', 'mes', 'mes-complete')),
  knapsack     boolean NOT NULL DEFAULT false,  -- a ballot may not cost more than the budget
  max_choices  integer CHECK (max_choices > 0),
  phase        text NOT NULL DEFAULT 'ideas'
               CHECK (phase IN ('ideas', 'assessment', 'voting', 'results', 'follow_up')),
  FOREIGN KEY (division_id, area_code) REFERENCES area(division_id, code)
);

CREATE TABLE participation_project (
  process_id   text NOT NULL REFERENCES participation_process(id) ON DELETE CASCADE,
  id           text NOT NULL,
  title        text NOT NULL,
  description  text NOT NULL DEFAULT '',
  cost_sek     bigint NOT NULL CHECK (cost_sek >= 0),
  feasible     boolean,                         -- NULL: not assessed yet
  assessment   text NOT NULL DEFAULT '',
  follow_up    text NOT NULL DEFAULT '',        -- what was built
  PRIMARY KEY (process_id, id),
  CHECK (id <> '' AND position(',' in id) = 0)
);

-- Single-use voting codes: only a hash; no time of use.
CREATE TABLE participation_code (
  process_id  text NOT NULL REFERENCES participation_process(id) ON DELETE CASCADE,
  code_hash   text NOT NULL,
  used        boolean NOT NULL DEFAULT false,
  PRIMARY KEY (process_id, code_hash)
);

-- A ballot: a random id, the process, how it came in, and the chosen projects. Nothing else.
CREATE TABLE participation_ballot (
  id          text PRIMARY KEY,
  process_id  text NOT NULL REFERENCES participation_process(id) ON DELETE CASCADE,
  channel     text NOT NULL CHECK (channel IN ('digital', 'paper')),
  choices     text[] NOT NULL
);
CREATE INDEX participation_ballot_process_idx ON participation_ballot (process_id);
