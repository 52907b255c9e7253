export { ApiError, type ApiErrorOptions, isApiError, type ProviderErrorInfo } from './api-error.js';
export { AuthError, type AuthErrorOptions, isAuthError } from './auth-error.js';
export { ConfigurationError, isConfigurationError } from './configuration-error.js';
export {
  isJunctionError,
  JunctionError,
  type JunctionErrorOptions,
  type RequestSummary,
  type RetryHistoryEntry,
} from './junction-error.js';
export { isLimiterError, LimiterError, type LimiterErrorOptions, type LimiterRefusal } from './limiter-error.js';
export {
  isNetworkError,
  isTimeoutError,
  NetworkError,
  type NetworkErrorOptions,
  TimeoutError,
  type TimeoutErrorOptions,
} from './network-error.js';
export { isRateLimitError, RateLimitError, type RateLimitErrorOptions } from './rate-limit-error.js';
export {
  isResponseTooLargeError,
  ResponseTooLargeError,
  type ResponseTooLargeErrorOptions,
} from './response-too-large-error.js';
export { isUnsupportedFeatureError, UnsupportedFeatureError } from './unsupported-feature-error.js';
export {
  InputValidationError,
  isInputValidationError,
  isResponseValidationError,
  ResponseValidationError,
  type ResponseValidationErrorOptions,
  type ValidationErrorOptions,
  type ValidationIssue,
} from './validation-error.js';
