// The error lives in core, shared by every category; re-exported where payments users import it from.
export { isUnsupportedFeatureError, UnsupportedFeatureError } from '@junction/core';
