import type { MyRecordSummaryQuery } from '@epr/client';
import { h, listOrNone, section, ukDate, ukDateTime } from './dom.js';

export type MyRecord = NonNullable<MyRecordSummaryQuery['me']['patient']>;

/** Her details, her clinical record as she may see it, and her referrals and appointments. */
export function recordView(patient: MyRecord): HTMLElement[] {
  return [
    section(
      'details',
      'Your details',
      h(
        'dl',
        { class: 'details' },
        h('dt', {}, 'Name'),
        h('dd', { 'data-field': 'name' }, `${patient.name.given} ${patient.name.family}`),
        h('dt', {}, 'NHS number'),
        h('dd', { 'data-field': 'nhs-number' }, patient.nhsNumber ?? 'Not yet known'),
        h('dt', {}, 'Date of birth'),
        h('dd', { 'data-field': 'birth-date' }, ukDate(patient.birthDate)),
        h('dt', {}, 'GP practice'),
        h('dd', {}, patient.registeredGpPractice?.name ?? 'Not recorded'),
      ),
    ),
    section(
      'problems',
      'Health problems',
      listOrNone(patient.problems, 'None recorded.', (p) => [
        p.code.term,
        h('span', { class: 'meta' }, ` ${p.status.toLowerCase()}${p.onsetDate ? `, since ${ukDate(p.onsetDate)}` : ''}`),
      ]),
    ),
    section(
      'allergies',
      'Allergies',
      listOrNone(patient.allergies, 'None recorded.', (a) => [
        a.substance.term,
        h('span', { class: 'meta' }, ` ${a.reaction ? `${a.reaction.term}, ` : ''}${a.severity.toLowerCase()}`),
      ]),
    ),
    section(
      'medications',
      'Medications',
      listOrNone(patient.medications, 'None recorded.', (m) => [m.medicine.term, h('span', { class: 'meta' }, ` ${m.dosage}`)]),
    ),
    section(
      'referrals',
      'Referrals',
      listOrNone(patient.referrals, 'None.', (r) => [
        `${r.specialty} at ${r.receivingOrganisation}`,
        h('span', { class: 'meta' }, ` received ${ukDate(r.receivedOn)}, ${r.triage.status.toLowerCase().replace(/_/g, ' ')}`),
      ]),
    ),
    section(
      'appointments',
      'Appointments',
      listOrNone(patient.appointments, 'None.', (a) => [
        `${a.clinicName}, ${ukDateTime(a.startsAt)}`,
        h('span', { class: 'meta' }, ` ${a.status.toLowerCase()}`),
      ]),
    ),
  ];
}
