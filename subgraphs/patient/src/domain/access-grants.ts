/** A legitimate relationship as the API reports it just after creating it. */
export interface RelationshipGrantRecord {
  patientId: string;
  type: 'SELF_CLAIM' | 'COLLEAGUE_GRANT';
  holderUserId: string;
  expiresAt: Date | null;
}

/** Break-glass access as the API reports it just after granting it. */
export interface EmergencyAccessGrantRecord {
  patientId: string;
  reason: string;
  expiresAt: Date;
}
