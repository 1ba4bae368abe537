/**
 * Wire shapes shared by several operations (SDK field names).
 *
 * @module
 */

/** `CodeDeliveryDetailsType` (R6.1). @group Use cases */
export interface CodeDeliveryDetails {
  /** The masked destination. */
  readonly Destination: string;
  /** `EMAIL` or `SMS`. */
  readonly DeliveryMedium: 'EMAIL' | 'SMS';
  /** `email` or `phone_number`. */
  readonly AttributeName: string;
}

/** `UserContextDataType`. @group Use cases */
export interface UserContextData {
  /** Source IP. */
  readonly IpAddress?: string;
  /** Advanced-security fingerprint. */
  readonly EncodedData?: string;
}

/** `AnalyticsMetadataType`. @group Use cases */
export interface AnalyticsMetadata {
  /** Pinpoint endpoint. */
  readonly AnalyticsEndpointId?: string;
}

/** `AttributeType`. @group Use cases */
export interface AttributeType {
  /** Attribute name. */
  readonly Name: string;
  /** Attribute value. */
  readonly Value?: string;
}
