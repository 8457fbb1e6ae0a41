/** An RTT pathway owned by the care-pathway subgraph, known here only by id; federation fills in the rest. */
export interface PathwayRef {
  id: string;
}
