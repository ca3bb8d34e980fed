/**
 * The SQS message-attribute carrier: sizes (`sqs-attribute-size.ts`), injection
 * (`sqs-attribute-inject.ts`) and extraction (`sqs-attribute-extract.ts`).
 */
export {
  extractSqsMessageContext,
  type SqsReceivedMessageLike,
  sqsMessageAttributesGetter,
} from './sqs-attribute-extract.js';
export {
  injectIntoSqsMessage,
  PreparedSqsCarrier,
  prepareSqsCarrier,
  type SqsInjectOptions,
  type SqsInjectResult,
  type SqsInjectSkipReason,
  type SqsInjectVia,
  type SqsMessageToInject,
} from './sqs-attribute-inject.js';
export {
  SQS_MAX_MESSAGE_ATTRIBUTES,
  SQS_MAX_MESSAGE_BYTES,
  type SqsMessageAttributes,
  type SqsMessageAttributeValue,
  sqsMessageSize,
} from './sqs-attribute-size.js';
