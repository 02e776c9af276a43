import Foundation

/// The fixed data both sides serve: every timestamp fixed (in 2025, so a datetime the test run
/// writes is told apart from a seeded one), ids and sequences set.
///
/// Users: admin (1, staff), ada (2, non-ASCII password), alan (3, unusable password), ghost
/// (4, inactive), bob (5, plain user without a token), user06…user25 (unusable passwords).
/// Passwords are Django pbkdf2_sha256 hashes with 1,000 iterations: both sides verify the count
/// the hash carries. Accounts 1…14 (1 to 3 with members of several kinds, search fodder), notes
/// 1…25 (non-ASCII, escapes).
enum WireSeed {
    static let adminKey = String(repeating: "a1", count: 20)
    static let adaKey = String(repeating: "b2", count: 20)
    static let alanKey = String(repeating: "c3", count: 20)
    static let ghostKey = String(repeating: "d4", count: 20)

    static let adminPassword = "wire-admin-pw"
    static let adaPassword = "café secret"
    static let ghostPassword = "ghost-password"
    static let bobPassword = "plain-pass-1"

    static let sql = #"""
        INSERT INTO users (id, username, email, first_name, last_name, password, is_staff, is_active, last_login, date_joined) VALUES
          (1, 'admin', '', '', '', 'pbkdf2_sha256$1000$adminsalt$V7If9iNEgfvln9NRHKLaV0iQlsQabnDON9UCDa75tz0=', true, true, NULL, '2025-01-01T00:00:00Z'),
          (2, 'ada', 'ada@example.com', 'Ada', 'Lovelace', 'pbkdf2_sha256$1000$adasalt$uLgJQA7qZMsKR4bJFkNRaLP9kNBYQPobfmTdWutfacE=', false, true, '2025-03-01T10:00:00Z', '2025-01-02T03:04:05.000001Z'),
          (3, 'alan', '', 'Alan', '', '!unusableunusableunusableunusableunusable', false, true, '2025-01-15T08:30:00.25Z', '2025-01-01T00:00:00Z'),
          (4, 'ghost', '', '', '', 'pbkdf2_sha256$1000$ghostsalt$f+uCIp77kPoF142RiOEHg4QLsbjWkKjuW203/B/nX1g=', false, false, NULL, '2025-01-01T00:00:00Z'),
          (5, 'bob', 'bob@exämple.org', 'Bøb', '日本', 'pbkdf2_sha256$1000$bobsalt$NoBaZjsxb+Tx9S/U8wxwOM0T5l2a748j3iDJyuJJUdE=', false, true, '2025-03-01T10:00:00Z', '2025-02-01T00:00:00.5Z');
        INSERT INTO users (id, username, email, first_name, password, last_login, date_joined)
        SELECT i, 'user' || lpad(i::text, 2, '0'), 'user' || i || '@example.com', 'Filler ' || i, '!unusable' || i,
               CASE WHEN i % 3 = 0 THEN NULL ELSE timestamptz '2025-06-01T00:00:00Z' + (i % 4) * interval '1 hour' END,
               timestamptz '2025-02-02T00:00:00Z' + i * interval '1 minute 0.123456 second'
        FROM generate_series(6, 25) AS i;
        SELECT setval(pg_get_serial_sequence('users', 'id'), 25);

        INSERT INTO auth_tokens (key, user_id, created) VALUES
          ('\#(adminKey)', 1, '2025-01-01T00:00:00Z'), ('\#(adaKey)', 2, '2025-01-01T00:00:00Z'),
          ('\#(alanKey)', 3, '2025-01-01T00:00:00Z'), ('\#(ghostKey)', 4, '2025-01-01T00:00:00Z');

        INSERT INTO accounts (id, name, description, owner_id, created) VALUES
          (1, 'Acme ☃', 'Rockets & anvils, "quoted"', 2, '2025-04-01T00:00:00Z'),
          (2, 'Beta 100%', 'percent_sign here', 3, '2025-04-02T00:00:00.000001Z'),
          (3, 'Gamma_under', 'unicode café', 1, '2025-04-03T12:00:00.5Z');
        INSERT INTO accounts (id, name, description, owner_id, created)
        SELECT i, 'Team ' || lpad(i::text, 2, '0'), CASE WHEN i % 2 = 0 THEN 'shared workspace' ELSE 'team room' END,
               1 + i % 5, timestamptz '2025-05-01T00:00:00Z' - i * interval '1 day'
        FROM generate_series(4, 14) AS i;
        SELECT setval(pg_get_serial_sequence('accounts', 'id'), 14);

        INSERT INTO account_members (account_id, user_id, is_admin) VALUES
          (1, 2, true), (1, 3, false), (1, 5, false), (2, 3, true), (2, 2, false), (3, 1, true);
        INSERT INTO account_members (account_id, user_id, is_admin) SELECT 1, i, i % 2 = 0 FROM generate_series(6, 14) AS i;
        INSERT INTO account_members (account_id, user_id, is_admin) SELECT i, 1 + i % 5, true FROM generate_series(4, 14) AS i;

        INSERT INTO notes (id, title, body, author_id, created)
        SELECT i,
               CASE i % 4 WHEN 0 THEN 'Grüße ' || i WHEN 1 THEN '日本語 ' || i WHEN 2 THEN 'Note ' || i ELSE 'emoji 🎉 ' || i END,
               CASE i % 3 WHEN 0 THEN E'line1\nline2\t"quoted" \\ back/slash \x01 \u2028 end' WHEN 1 THEN '' ELSE 'plain body ' || i END,
               CASE i % 3 WHEN 0 THEN 2 WHEN 1 THEN 5 ELSE 1 END,
               timestamptz '2025-07-01T00:00:00Z' + i * interval '1 minute 0.000001 second'
        FROM generate_series(1, 25) AS i;
        SELECT setval(pg_get_serial_sequence('notes', 'id'), 25);
        """#
}
