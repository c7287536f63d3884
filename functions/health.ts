/** `GET /health` */
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { json } from "../lib/http/respond";

export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => json(200, { status: "ok" });
