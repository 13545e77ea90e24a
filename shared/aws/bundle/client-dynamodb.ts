/**
 * `@aws-sdk/client-dynamodb` as the document client's commands see it in a bundle (an esbuild alias,
 * infra/bundling.ts): each name from its own module of the package rather than from its index.
 * The SDK is imported lazily (../lazy.ts), and esbuild keeps every module behind a lazily imported
 * index (all 60-odd DynamoDB operations and their schemas); these are the names
 * `@aws-sdk/lib-dynamodb` imports. A name it starts to import that is missing here fails the build.
 */

export { BatchExecuteStatementCommand } from '#aws-sdk/client-dynamodb/commands/BatchExecuteStatementCommand';
export { BatchGetItemCommand } from '#aws-sdk/client-dynamodb/commands/BatchGetItemCommand';
export { BatchWriteItemCommand } from '#aws-sdk/client-dynamodb/commands/BatchWriteItemCommand';
export { DeleteItemCommand } from '#aws-sdk/client-dynamodb/commands/DeleteItemCommand';
export { DescribeExportCommand } from '#aws-sdk/client-dynamodb/commands/DescribeExportCommand';
export { ExecuteStatementCommand } from '#aws-sdk/client-dynamodb/commands/ExecuteStatementCommand';
export { ExecuteTransactionCommand } from '#aws-sdk/client-dynamodb/commands/ExecuteTransactionCommand';
export { ExportTableToPointInTimeCommand } from '#aws-sdk/client-dynamodb/commands/ExportTableToPointInTimeCommand';
export { GetItemCommand } from '#aws-sdk/client-dynamodb/commands/GetItemCommand';
export { PutItemCommand } from '#aws-sdk/client-dynamodb/commands/PutItemCommand';
export { QueryCommand } from '#aws-sdk/client-dynamodb/commands/QueryCommand';
export { ScanCommand } from '#aws-sdk/client-dynamodb/commands/ScanCommand';
export { SearchVectorsCommand } from '#aws-sdk/client-dynamodb/commands/SearchVectorsCommand';
export { TransactGetItemsCommand } from '#aws-sdk/client-dynamodb/commands/TransactGetItemsCommand';
export { TransactWriteItemsCommand } from '#aws-sdk/client-dynamodb/commands/TransactWriteItemsCommand';
export { UpdateItemCommand } from '#aws-sdk/client-dynamodb/commands/UpdateItemCommand';
export { DynamoDBClient } from '#aws-sdk/client-dynamodb/DynamoDBClient';
