/** The static model: vocabulary and classifier from the lexicons and the training examples (model/), loaded once. */
import { STATIC_MODEL_DATA } from "./model/data";
import { loadStaticModel, type StaticModel } from "./model/static";

let model: StaticModel | undefined;

/** Loads the static model now (call at cold start, so the first message does not pay for it). */
export function warmUp(): void {
  staticModel();
}

export function staticModel(): StaticModel {
  model ??= loadStaticModel(STATIC_MODEL_DATA);
  return model;
}
