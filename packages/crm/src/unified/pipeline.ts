/** One stage of a deal pipeline. */
export interface PipelineStage {
  id: string;
  label: string;
  /** Its place in the pipeline, from 0. */
  order: number;
  /** The chance of winning at this stage, 0 to 1, when the provider keeps one. */
  probability: number | null;
  /** True for the won and lost stages. */
  closed: boolean;
  /** True for the won stage. */
  won: boolean;
}

/** A deal pipeline and its stages, in order. Salesforce has one (its Opportunity stages); HubSpot may have several. */
export interface Pipeline {
  id: string;
  label: string;
  stages: PipelineStage[];
}
