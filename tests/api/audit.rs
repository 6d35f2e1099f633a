//! The audit trail records sign-ins and cannot be edited quietly.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use portal::db::schema::audit_log;
use portal::db::DbConnection;
use portal::domain::Role;
use portal::services::audit::{self, Verification};

use crate::cli::{app_on, env, portal};
use crate::helpers::PASSWORD;
use crate::people::{app_with_ana, ANA};

fn actions(conn: &mut DbConnection) -> Vec<(String, String, Option<String>)> {
    audit::settle(conn).unwrap();
    audit_log::table
        .order(audit_log::seq.asc())
        .select((
            audit_log::action,
            audit_log::outcome,
            audit_log::actor_email,
        ))
        .load(conn)
        .unwrap()
}

/// Lets the test play an attacker with database access: drop the append-only triggers.
pub fn drop_append_only_guards(conn: &mut DbConnection) {
    match conn {
        DbConnection::Sqlite(_) => conn
            .batch_execute("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
            .unwrap(),
        DbConnection::Postgresql(_) => conn
            .batch_execute("DROP TRIGGER audit_log_no_change ON audit_log;")
            .unwrap(),
    }
}

#[actix_web::test]
async fn sign_ins_and_failures_are_recorded_in_an_intact_chain() {
    let app = app_with_ana().await;
    app.token(ANA, PASSWORD).await;
    assert_eq!(app.login_api(ANA, "wrong password!!").await.status, 401);
    assert_eq!(
        app.login_api("nobody@ken.example.org", "wrong password!!")
            .await
            .status,
        401
    );
    let mut conn = app.conn();
    let rows = actions(&mut conn);
    assert_eq!(
        rows,
        vec![
            ("auth.login".into(), "success".into(), Some(ANA.into())),
            ("auth.login".into(), "failure".into(), Some(ANA.into())),
            (
                "auth.login".into(),
                "failure".into(),
                Some("nobody@ken.example.org".into())
            ),
        ]
    );
    let ips: Vec<Option<String>> = audit_log::table
        .select(audit_log::ip)
        .load(&mut conn)
        .unwrap();
    assert!(ips.iter().all(|ip| ip.as_deref() == Some("127.0.0.1")));
    assert_eq!(
        audit::verify(&mut conn).unwrap(),
        Verification::Intact { entries: 3 }
    );
}

#[actix_web::test]
async fn the_table_refuses_updates_and_deletes() {
    let app = app_with_ana().await;
    app.token(ANA, PASSWORD).await;
    let mut conn = app.conn();
    let update = diesel::update(audit_log::table)
        .set(audit_log::actor_email.eq("someone-else@example.org"))
        .execute(&mut conn);
    assert!(update.is_err());
    let delete = diesel::delete(audit_log::table).execute(&mut conn);
    assert!(delete.is_err());
    assert_eq!(actions(&mut conn).len(), 1);
}

#[actix_web::test]
async fn audit_verify_passes_untouched_and_names_the_first_tampered_entry() {
    let env = env();
    let app = app_on(&env).await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    for _ in 0..3 {
        app.token(ANA, PASSWORD).await;
    }
    let out = portal(&env).args(["audit", "verify"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("intact: 3 entries"));

    let mut conn = app.conn();
    drop_append_only_guards(&mut conn);
    diesel::update(audit_log::table.filter(audit_log::seq.eq(2)))
        .set(audit_log::ip.eq("10.0.0.1"))
        .execute(&mut conn)
        .unwrap();
    let out = portal(&env).args(["audit", "verify"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken at entry 2"), "{err}");
}

#[actix_web::test]
async fn a_deleted_or_recomputed_entry_breaks_the_chain() {
    let app = app_with_ana().await;
    for _ in 0..4 {
        app.token(ANA, PASSWORD).await;
    }
    let mut conn = app.conn();
    drop_append_only_guards(&mut conn);
    // Rewriting an entry together with its own hash still breaks the link of the next one.
    let mut entry: portal::repo::audit::AuditEntry = audit_log::table
        .filter(audit_log::seq.eq(2))
        .select(portal::repo::audit::AuditEntry::as_select())
        .first(&mut conn)
        .unwrap();
    entry.actor_email = Some("someone-else@example.org".into());
    let forged_hash = audit::entry_hash(&entry);
    diesel::update(audit_log::table.filter(audit_log::seq.eq(2)))
        .set((
            audit_log::actor_email.eq(&entry.actor_email),
            audit_log::hash.eq(&forged_hash),
        ))
        .execute(&mut conn)
        .unwrap();
    assert!(matches!(
        audit::verify(&mut conn).unwrap(),
        Verification::Broken { seq: 3, .. }
    ));

    diesel::delete(audit_log::table.filter(audit_log::seq.eq(2)))
        .execute(&mut conn)
        .unwrap();
    assert!(matches!(
        audit::verify(&mut conn).unwrap(),
        Verification::Broken { seq: 2, .. }
    ));
}

/// Reads recorded at once from several connections are committed in groups (on both
/// backends; on SQLite to the spool, chained when the trail is read): each is in the trail
/// once, with its own number, and the chain stays intact.
#[actix_web::test]
async fn concurrent_reads_are_each_recorded_once_in_an_intact_chain() {
    let app = app_with_ana().await;
    let before = actions(&mut app.conn()).len() as i64;
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let mut conn = app.conn();
            std::thread::spawn(move || {
                for i in 0..20 {
                    let event =
                        audit::Event::new("report.read").target("report", &format!("{t}-{i}"));
                    audit::record_read(&mut conn, event).unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let mut conn = app.conn();
    audit::settle(&mut conn).unwrap();
    let read: Vec<(i64, Option<String>)> = audit_log::table
        .filter(audit_log::action.eq("report.read"))
        .select((audit_log::seq, audit_log::target_id))
        .order(audit_log::seq)
        .load(&mut conn)
        .unwrap();
    let seqs: Vec<i64> = read.iter().map(|(seq, _)| *seq).collect();
    assert_eq!(seqs, (before + 1..=before + 160).collect::<Vec<i64>>());
    let mut targets: Vec<Option<String>> = read.into_iter().map(|(_, target)| target).collect();
    targets.sort();
    targets.dedup();
    assert_eq!(targets.len(), 160, "each read's own entry");
    assert_eq!(
        audit::verify(&mut conn).unwrap(),
        Verification::Intact {
            entries: before + 160
        }
    );
}
