import { AccessService } from './access-service.js';
import { AdmissionService } from './admission-service.js';
import { ClinicalRecordService } from './clinical-record-service.js';
import { DataQualityService } from './data-quality-service.js';
import { DirectoryService } from './directory-service.js';
import { PatientService } from './patient-service.js';
import { SessionService } from './session-service.js';
import type { ServiceRequest } from './request.js';

/** The patient subgraph's services for one request: everything its resolvers may call. */
export interface Services {
  patients: PatientService;
  clinicalRecord: ClinicalRecordService;
  dataQuality: DataQualityService;
  access: AccessService;
  directory: DirectoryService;
  admissions: AdmissionService;
  sessions: SessionService;
}

export function createServices(request: ServiceRequest): Services {
  const patients = new PatientService(request);
  const clinicalRecord = new ClinicalRecordService(request, patients);
  return {
    patients,
    clinicalRecord,
    dataQuality: new DataQualityService(request, patients),
    access: new AccessService(request, patients, clinicalRecord),
    directory: new DirectoryService(request),
    admissions: new AdmissionService(request, patients),
    sessions: new SessionService(request),
  };
}

export type { ServiceRequest } from './request.js';
