namespace Veil.Sidecar.Store;

/// <summary>
/// The schema, as migrations applied in order. Never edit a released one: add the next number.
/// Times are {int} milliseconds since the Unix epoch (UTC): one representation on both engines,
/// so hour/day statistics are the same integer arithmetic in SQL on both.
/// </summary>
internal static class SchemaMigrations
{
    public static readonly IReadOnlyList<SchemaMigration> All =
    [
        new(1, "cameras, events, audit_log", """
            CREATE TABLE cameras (
                name {key} NOT NULL PRIMARY KEY,
                address {text},
                model {text},
                latitude {real},
                longitude {real}
            );
            CREATE TABLE events (
                id {key} NOT NULL PRIMARY KEY,
                camera {key} NOT NULL,
                kind {key} NOT NULL,
                occurred_at {int} NOT NULL,
                duration_ms {int} NOT NULL,
                track_ids {text} NOT NULL,
                pixel_x {real} NOT NULL,
                pixel_y {real} NOT NULL,
                latitude {real},
                longitude {real},
                confidence {real} NOT NULL,
                details {text} NOT NULL,
                snapshot_sha256 {text},
                clip_sha256 {text},
                status {text} NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'deleted')),
                note {text},
                created_at {int} NOT NULL,
                updated_at {int} NOT NULL
            );
            CREATE INDEX events_by_status_time ON events (status, occurred_at DESC, id);
            CREATE INDEX events_by_camera_time ON events (camera, occurred_at DESC);
            CREATE INDEX events_by_updated ON events (updated_at);
            CREATE INDEX events_by_snapshot ON events (snapshot_sha256);
            CREATE INDEX events_by_clip ON events (clip_sha256);
            CREATE TABLE audit_log (
                id {serial},
                at {int} NOT NULL,
                actor {text} NOT NULL,
                event_id {key},
                action {text} NOT NULL,
                before {text},
                after {text}
            );
            CREATE INDEX audit_log_by_event ON audit_log (event_id, id);
            """),
        new(2, "users, user_cameras, sessions", """
            CREATE TABLE users (
                name {key} NOT NULL PRIMARY KEY,
                password_hash {text} NOT NULL,
                role {text} NOT NULL CHECK (role IN ('operator', 'reviewer', 'admin')),
                disabled {int} NOT NULL,
                created_at {int} NOT NULL,
                updated_at {int} NOT NULL
            );
            CREATE TABLE user_cameras (
                user_name {key} NOT NULL REFERENCES users (name),
                camera {key} NOT NULL,
                PRIMARY KEY (user_name, camera)
            );
            CREATE TABLE sessions (
                token_hash {key} NOT NULL PRIMARY KEY,
                user_name {key} NOT NULL REFERENCES users (name),
                created_at {int} NOT NULL,
                expires_at {int} NOT NULL
            );
            CREATE INDEX sessions_by_user ON sessions (user_name);
            CREATE INDEX sessions_by_expiry ON sessions (expires_at);
            """),
    ];
}
