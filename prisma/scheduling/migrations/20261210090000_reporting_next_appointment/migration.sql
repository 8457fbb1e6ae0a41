-- What another subgraph's reports may read of the scheduling subgraph: each pathway's next booked appointment
-- that has not started yet, the same one `Pathway.nextAppointment` gives. A read-only contract scheduling owns
-- and keeps stable: the care-pathway subgraph's tracking-list export joins it in its one cursor instead of
-- asking pathway by pathway, and shows it only where the policy engine allows `appointments.read` for that
-- patient (README "Reporting exports").
CREATE VIEW scheduling.reporting_next_appointment AS
SELECT DISTINCT ON (a.pathway_id) a.pathway_id, a.id AS appointment_id, a.starts_at
  FROM scheduling.appointment a
 WHERE a.pathway_id IS NOT NULL AND a.status = 'BOOKED' AND a.starts_at > now()
 ORDER BY a.pathway_id, a.starts_at, a.id;
