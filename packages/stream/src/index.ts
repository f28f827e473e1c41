export type { JetStreamClient, JsMsg, NatsConnection, PubAck } from 'nats';
export { decodeEvent, decodeJob, encodeEvent, encodeJob } from './codec.js';
export { connectNats } from './connect-nats.js';
export { ensureCursorConsumer } from './ensure-cursor-consumer.js';
export { type EventStreamOptions, ensureEventStream } from './ensure-event-stream.js';
export { ensureJobStream, type JobStreamOptions } from './ensure-job-stream.js';
export { StreamError, type StreamErrorCode } from './errors.js';
export { eventsBehind } from './events-behind.js';
export { jobsWaiting } from './jobs-waiting.js';
export {
  cursorConsumerName,
  EVENT_STREAM,
  EVENT_SUBJECT,
  jobStreamName,
  jobSubject,
  WORKER_CONSUMER,
} from './names.js';
export { newJob } from './new-job.js';
export { type PublishEventOptions, publishEvent, publishJob } from './publish.js';
