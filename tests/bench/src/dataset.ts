// TODO: switch to `generateDataset` of @geo/fixtures once it is published
// in the workspace; the stand-in has the same signature.
export { type Dataset, type DatasetOptions, generateDataset } from './stand-in/generate-dataset.js';
