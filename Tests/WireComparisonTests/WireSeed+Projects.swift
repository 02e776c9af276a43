import Foundation

/// Part 2's rows (shared/spec/reference-api-2.md), on top of `WireSeed.sql`'s users and accounts:
/// tags, projects of accounts 1 to 4 and their tasks, every timestamp in 2025 (a datetime the run
/// writes is told apart by its year), sequences set.
///
/// Who sees what (memberships from `WireSeed.sql`): ada administers account 1 (Apollo, Borealis,
/// apollo) and is a member of account 2 (Cygnus, Draco ✓); alan the reverse; bob (Basic) is a
/// member of account 1 and administers account 4 (Fornax); admin (staff) administers account 3
/// (Eridanus). Task counts, budgets, start dates and names differ between the projects one user
/// sees, so a single-key `?ordering=` has no ties (DRF leaves ties in PostgreSQL's order).
/// The settings hold JSON of every type.
extension WireSeed {
    static let apollo = "0d6c1f4e-8a3b-4c5d-9e7f-a1b2c3d4e5f6"
    static let borealis = "1e7d2a5f-9b4c-4d6e-8f90-b2c3d4e5f607"
    static let cygnus = "2f8e3b60-ac5d-4e7f-9a01-c3d4e5f60718"
    static let draco = "3a9f4c71-bd6e-4f80-ab12-d4e5f6071829"
    static let eridanus = "4ba05d82-ce7f-4091-bc23-e5f60718293a"
    static let lowerApollo = "5cb16e93-df80-41a2-8d34-f60718293a4b"
    static let fornax = "6dc27fa4-e091-42b3-9e45-0718293a4b5c"

    /// Every project id the seed holds: any other UUID in an answer was made by the run.
    static let projectIDs: Set<String> = [apollo, borealis, cygnus, draco, eridanus, lowerApollo, fornax]

    static let projectsSQL = #"""
        INSERT INTO tags (id, slug, name) VALUES
          (1, 'backend', 'Backend'), (2, 'db', 'Database'), (3, 'frontend', 'Frontend'), (4, 'ops_2', 'Ops ✓'),
          (5, 'urgent', 'Urgent'), (6, 'ux-research', 'UX «research»');
        SELECT setval(pg_get_serial_sequence('tags', 'id'), 6);

        INSERT INTO projects (id, account_id, name, lead_id, status, budget, starts, ends, settings, created, updated) VALUES
          ('\#(apollo)', 1, 'Apollo', 2, 'active', 1250.00, '2026-01-05', '2026-06-30',
           '{"color": "red", "limits": {"max": 3, "min": -1.5}, "flags": [true, false, null], "note": "ünï ☃"}',
           '2025-08-01T10:00:00Z', '2025-08-02T11:30:00.5Z'),
          ('\#(borealis)', 1, 'Borealis', NULL, 'planned', NULL, NULL, NULL, '{}', '2025-08-03T00:00:00Z', '2025-08-03T00:00:00Z'),
          ('\#(cygnus)', 2, 'Cygnus', 3, 'done', 4000.00, '2025-01-01', '2025-12-31',
           '{"n": 1.50, "big": 123456789012345678901234567890, "e": 1e2, "neg": -0}',
           '2025-07-01T00:00:00.000001Z', '2025-07-01T00:00:00.000001Z'),
          ('\#(draco)', 2, 'Draco ✓', 5, 'active', 0.00, '2026-03-01', NULL, '[1, "two", 3.0, null]',
           '2025-09-01T00:00:00Z', '2025-09-05T00:00:00Z'),
          ('\#(eridanus)', 3, 'Eridanus', 1, 'planned', 99999.99, NULL, NULL, '"just a string"',
           '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z'),
          ('\#(lowerApollo)', 1, 'apollo', 6, 'done', 500.50, '2025-06-15', '2025-06-15', 'true',
           '2025-10-01T00:00:00Z', '2025-10-01T00:00:00Z'),
          ('\#(fornax)', 4, 'Fornax', NULL, 'active', NULL, NULL, NULL, 'null', '2025-05-01T00:00:00Z', '2025-05-01T00:00:00Z');

        INSERT INTO tasks (id, project_id, title, assignee_id, priority, done, due, estimate, created) VALUES
          (1, '\#(apollo)', 'Design the capsule', 2, 1, false, '2026-02-01', '2 days 04:00:00', '2025-08-01T10:01:00Z'),
          (2, '\#(apollo)', 'Build the engine', 3, 2, false, NULL, '01:30:00', '2025-08-01T10:02:00Z'),
          (3, '\#(apollo)', 'Write the manual', NULL, 3, true, '2026-01-20', NULL, '2025-08-01T10:03:00Z'),
          (4, '\#(apollo)', 'Test ✓ «quotes» "and" \ back', 5, 1, false, '2026-01-21', '00:00:00.5', '2025-08-01T10:04:00Z'),
          (5, '\#(borealis)', 'Survey the sky', 4, 3, false, NULL, '1 mon 2 days', '2025-08-03T00:01:00Z'),
          (6, '\#(cygnus)', 'Decode the signal', 3, 1, true, '2025-06-01', '3 days', '2025-07-01T00:01:00Z'),
          (7, '\#(cygnus)', 'Archive the logs', 2, 2, false, '2025-12-31', '-1 days +23:00:00', '2025-07-01T00:02:00Z'),
          (8, '\#(draco)', 'Paint the hull', 5, 2, false, '2026-03-02', '00:00:01.000001', '2025-09-01T00:01:00Z'),
          (9, '\#(draco)', 'draco lowercase', 6, 3, false, '2026-03-03', '999999 days', '2025-09-01T00:02:00Z'),
          (10, '\#(draco)', 'Done already', NULL, 1, true, '2026-03-04', '00:45:00', '2025-09-01T00:03:00Z'),
          (11, '\#(eridanus)', 'Hidden from ada', 1, 2, false, NULL, NULL, '2025-06-01T00:01:00Z'),
          (12, '\#(fornax)', 'Fornax task', 5, 2, false, '2026-04-01', '10:00:00', '2025-05-01T00:01:00Z');
        SELECT setval(pg_get_serial_sequence('tasks', 'id'), 12);

        INSERT INTO task_tags (id, task_id, tag_id) VALUES
          (1, 1, 5), (2, 1, 1), (3, 2, 3), (4, 4, 6), (5, 4, 2), (6, 4, 5), (7, 5, 6), (8, 6, 1), (9, 7, 2), (10, 7, 4),
          (11, 8, 3), (12, 9, 5), (13, 11, 5), (14, 12, 1);
        SELECT setval(pg_get_serial_sequence('task_tags', 'id'), 14);
        """#
}
