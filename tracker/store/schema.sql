-- schema head 0009
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE sources (
	id INTEGER NOT NULL, 
	url TEXT NOT NULL, 
	title TEXT, 
	outlet VARCHAR(200), 
	published_on DATE, 
	CONSTRAINT pk_sources PRIMARY KEY (id), 
	CONSTRAINT uq_sources_url UNIQUE (url)
);

CREATE TABLE speakers (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	"key" VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_speakers PRIMARY KEY (id), 
	CONSTRAINT uq_speakers_key UNIQUE ("key")
);

CREATE TABLE tags (
	id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	CONSTRAINT pk_tags PRIMARY KEY (id), 
	CONSTRAINT uq_tags_name UNIQUE (name)
);

CREATE TABLE claims (
	id INTEGER NOT NULL, 
	uid VARCHAR(64) NOT NULL, 
	text TEXT NOT NULL, 
	speaker_id INTEGER NOT NULL, 
	said_on DATE NOT NULL, 
	deadline_phrase TEXT NOT NULL, 
	deadline_rule TEXT, 
	deadline_start DATE NOT NULL, 
	deadline_end DATE NOT NULL, 
	due_on DATE NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	outcome_on DATE, 
	quote TEXT, 
	criteria TEXT, 
	confidence FLOAT, 
	source_id INTEGER, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, event_id INTEGER CONSTRAINT fk_claims_event_id_events REFERENCES events (id), 
	CONSTRAINT pk_claims PRIMARY KEY (id), 
	CONSTRAINT ck_claims_status CHECK (status = 'open' OR status = 'kept' OR status = 'kept_late' OR status = 'partial' OR status = 'broken' OR status = 'withdrawn' OR status = 'void' OR status = 'unverifiable' OR status = 'waiting'), 
	CONSTRAINT ck_claims_confidence CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)), 
	CONSTRAINT ck_claims_window CHECK (deadline_start <= deadline_end), 
	CONSTRAINT fk_claims_source_id_sources FOREIGN KEY(source_id) REFERENCES sources (id), 
	CONSTRAINT fk_claims_speaker_id_speakers FOREIGN KEY(speaker_id) REFERENCES speakers (id), 
	CONSTRAINT uq_claims_uid UNIQUE (uid)
);

CREATE INDEX ix_claims_said_on ON claims (said_on);

CREATE INDEX ix_claims_source_id ON claims (source_id);

CREATE INDEX ix_claims_speaker_id_said_on ON claims (speaker_id, said_on);

CREATE INDEX ix_claims_status_said_on ON claims (status, said_on);

CREATE TABLE checks (
	id INTEGER NOT NULL, 
	claim_id INTEGER NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	outcome VARCHAR(16), 
	happened_on DATE, 
	until DATE, 
	days_late INTEGER, 
	evidence_url TEXT, 
	note TEXT, 
	recorded_at DATETIME NOT NULL, 
	CONSTRAINT pk_checks PRIMARY KEY (id), 
	CONSTRAINT fk_checks_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE
);

CREATE INDEX ix_checks_claim_id ON checks (claim_id);

CREATE TABLE claim_tags (
	claim_id INTEGER NOT NULL, 
	tag_id INTEGER NOT NULL, 
	CONSTRAINT pk_claim_tags PRIMARY KEY (claim_id, tag_id), 
	CONSTRAINT fk_claim_tags_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE, 
	CONSTRAINT fk_claim_tags_tag_id_tags FOREIGN KEY(tag_id) REFERENCES tags (id) ON DELETE CASCADE
);

CREATE INDEX ix_claim_tags_tag_id ON claim_tags (tag_id);

CREATE TABLE report_deliveries (
	id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	as_of DATE NOT NULL, 
	format VARCHAR(16) NOT NULL, 
	channels VARCHAR(200) NOT NULL, 
	item_count INTEGER NOT NULL, state VARCHAR(16) DEFAULT 'delivered' NOT NULL, owner VARCHAR(200), lease_until DATETIME, 
	CONSTRAINT pk_report_deliveries PRIMARY KEY (id)
);

CREATE TABLE report_announcements (
	id INTEGER NOT NULL, 
	delivery_id INTEGER NOT NULL, 
	claim_id INTEGER NOT NULL, 
	due_on DATE NOT NULL, 
	section VARCHAR(16) NOT NULL, 
	CONSTRAINT pk_report_announcements PRIMARY KEY (id), 
	CONSTRAINT fk_report_announcements_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE, 
	CONSTRAINT fk_report_announcements_delivery_id_report_deliveries FOREIGN KEY(delivery_id) REFERENCES report_deliveries (id) ON DELETE CASCADE
);

CREATE INDEX ix_report_announcements_delivery_id ON report_announcements (delivery_id);

CREATE UNIQUE INDEX uq_report_announcements_claim_id_due_on_section ON report_announcements (claim_id, due_on, section);

CREATE TABLE speaker_aliases (
	id INTEGER NOT NULL, 
	"key" VARCHAR(200) NOT NULL, 
	speaker_id INTEGER NOT NULL, 
	CONSTRAINT pk_speaker_aliases PRIMARY KEY (id), 
	CONSTRAINT fk_speaker_aliases_speaker_id_speakers FOREIGN KEY(speaker_id) REFERENCES speakers (id) ON DELETE CASCADE, 
	CONSTRAINT uq_speaker_aliases_key UNIQUE ("key")
);

CREATE TABLE deadline_changes (
	id INTEGER NOT NULL, 
	claim_id INTEGER NOT NULL, 
	said_on DATE NOT NULL, 
	old_phrase TEXT NOT NULL, 
	old_said_on DATE NOT NULL, 
	old_start DATE NOT NULL, 
	old_end DATE NOT NULL, 
	new_phrase TEXT NOT NULL, 
	new_start DATE NOT NULL, 
	new_end DATE NOT NULL, 
	quote TEXT, 
	note TEXT, 
	source_id INTEGER, 
	recorded_at DATETIME NOT NULL, reason VARCHAR(16), 
	CONSTRAINT pk_deadline_changes PRIMARY KEY (id), 
	CONSTRAINT fk_deadline_changes_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE, 
	CONSTRAINT fk_deadline_changes_source_id_sources FOREIGN KEY(source_id) REFERENCES sources (id)
);

CREATE INDEX ix_deadline_changes_claim_id ON deadline_changes (claim_id);

CREATE INDEX ix_claims_open_due_on ON claims (status, due_on) WHERE status = 'open';

CREATE TABLE journal (
	id INTEGER NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	author VARCHAR(200) NOT NULL, 
	action VARCHAR(16) NOT NULL, 
	claim_id INTEGER, 
	claim_uid VARCHAR(64), 
	speaker_id INTEGER, 
	changes TEXT NOT NULL, 
	"before" TEXT, 
	detail TEXT, 
	note TEXT, 
	undoes INTEGER, 
	undone_by INTEGER, 
	CONSTRAINT pk_journal PRIMARY KEY (id)
);

CREATE INDEX ix_journal_claim_uid ON journal (claim_uid);

CREATE INDEX ix_journal_speaker_id ON journal (speaker_id);

CREATE TABLE events (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	"key" VARCHAR(200) NOT NULL, 
	"on" DATE, 
	term_months INTEGER, 
	note TEXT, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_events PRIMARY KEY (id), 
	CONSTRAINT uq_events_key UNIQUE ("key")
);

CREATE TABLE event_aliases (
	id INTEGER NOT NULL, 
	"key" VARCHAR(200) NOT NULL, 
	event_id INTEGER NOT NULL, 
	CONSTRAINT pk_event_aliases PRIMARY KEY (id), 
	CONSTRAINT fk_event_aliases_event_id_events FOREIGN KEY(event_id) REFERENCES events (id) ON DELETE CASCADE, 
	CONSTRAINT uq_event_aliases_key UNIQUE ("key")
);

CREATE INDEX ix_claims_event_id ON claims (event_id);

CREATE TABLE claim_sources (
	id INTEGER NOT NULL, 
	claim_id INTEGER NOT NULL, 
	source_id INTEGER NOT NULL, 
	said_on DATE, 
	note TEXT, 
	added_at DATETIME NOT NULL, 
	added_by VARCHAR(200), 
	CONSTRAINT pk_claim_sources PRIMARY KEY (id), 
	CONSTRAINT fk_claim_sources_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE, 
	CONSTRAINT fk_claim_sources_source_id_sources FOREIGN KEY(source_id) REFERENCES sources (id)
);

CREATE UNIQUE INDEX uq_claim_sources_claim_id_source_id ON claim_sources (claim_id, source_id);

CREATE INDEX ix_claim_sources_source_id ON claim_sources (source_id);
