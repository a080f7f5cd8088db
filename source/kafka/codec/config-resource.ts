// ConfigResource types, shared by DescribeConfigs and IncrementalAlterConfigs.
export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;
