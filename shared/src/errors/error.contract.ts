/** The one error body every failing REST call returns. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}
