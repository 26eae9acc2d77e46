/**
 * Generated from the server's OpenAPI document by openapi-typescript: do not edit. After changing
 * a route, its parameters or what it answers, run `node scripts/openapi-types.ts`.
 */
export interface paths {
    "/api/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: ({
                                category: string;
                                connector: string;
                                description: string;
                                id: string;
                                input: {
                                    [key: string]: unknown;
                                };
                                label: string;
                                output: {
                                    [key: string]: unknown;
                                };
                                secretInputs: string[];
                                undoable: boolean;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    for?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvals: ({
                                approvers: string[];
                                deadline?: string;
                                definitionId: string;
                                employeeId: string;
                                id: string;
                                nodeId: string;
                                onApprove: string;
                                openedAt: string;
                                person: {
                                    displayName?: string;
                                    employeeId: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                question: string;
                                requestedBy: string;
                                runId: string;
                                step: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/approvals/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        /** @enum {string} */
                        decision: "approve" | "reject";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approval: string;
                            outcome: string;
                            stage?: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/approvals/delegations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    all?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            delegations: ({
                                endsAt: string;
                                from: string;
                                id: string;
                                reason: string | null;
                                startsAt: string;
                                to: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from?: string;
                        reason?: string;
                        to: string;
                        /** Format: date-time */
                        until: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            delegation: {
                                endsAt: string;
                                from: string;
                                id: string;
                                reason: string | null;
                                startsAt: string;
                                to: string;
                            } & {
                                [key: string]: unknown;
                            };
                            kept: {
                                approval: string;
                                reason: string;
                            }[];
                            moved: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/approvals/delegations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/approver-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            groups: ({
                                id: string;
                                members: string[];
                                name: string;
                                updatedAt: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/approver-groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        members: string[];
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            members: string[];
                            name: string;
                            updatedAt: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actor?: string;
                    cursor?: string;
                    employeeId?: string;
                    from?: string;
                    limit?: number;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: ({
                                action: string;
                                actor: string;
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                targetId: string;
                                targetType: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actor?: string;
                    employeeId?: string;
                    format?: "csv" | "json";
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description every matching entry, as a JSON array or CSV (`format`) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": ({
                            action: string;
                            actor: string;
                            at: string;
                            details: {
                                [key: string]: unknown;
                            };
                            id: string;
                            targetId: string;
                            targetType: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/codec/decode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        payloads: {
                            data?: string;
                            metadata?: {
                                [key: string]: string;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payloads: {
                                data: string;
                                metadata: {
                                    [key: string]: string;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/codec/encode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        payloads: {
                            data?: string;
                            metadata?: {
                                [key: string]: string;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payloads: {
                                data: string;
                                metadata: {
                                    [key: string]: string;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connections: ({
                                config: {
                                    [key: string]: unknown;
                                };
                                createdAt: string;
                                id: string;
                                kind: string;
                                lastTest: {
                                    at: string;
                                    failedStep: string | null;
                                    ok: boolean;
                                } | null;
                                name: string;
                                secretFields: string[];
                                updatedAt: string;
                                updatedBy: string;
                                version: number;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        config?: {
                            [key: string]: unknown;
                        };
                        id: string;
                        /** @enum {string} */
                        kind: "core" | "ad" | "ldap" | "entra" | "scim" | "email" | "http" | "hr";
                        name: string;
                        /** @default {} */
                        secrets?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            id: string;
                            kind: string;
                            lastTest: {
                                at: string;
                                failedStep: string | null;
                                ok: boolean;
                            } | null;
                            name: string;
                            secretFields: string[];
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            id: string;
                            kind: string;
                            lastTest: {
                                at: string;
                                failedStep: string | null;
                                ok: boolean;
                            } | null;
                            name: string;
                            secretFields: string[];
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        config?: {
                            [key: string]: unknown;
                        };
                        id: string;
                        /** @enum {string} */
                        kind: "core" | "ad" | "ldap" | "entra" | "scim" | "email" | "http" | "hr";
                        name: string;
                        secrets?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            id: string;
                            kind: string;
                            lastTest: {
                                at: string;
                                failedStep: string | null;
                                ok: boolean;
                            } | null;
                            name: string;
                            secretFields: string[];
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            steps: ({
                                detail?: string;
                                ms?: number;
                                ok: boolean;
                                step: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connectors: ({
                                config: {
                                    [key: string]: unknown;
                                };
                                /** @enum {string} */
                                kind: "core" | "ad" | "ldap" | "entra" | "scim" | "email" | "http" | "hr";
                                label: string;
                                secrets: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/definitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            definitions: {
                                id: string;
                                latestRevision: number | null;
                                lifecycle: string;
                                name: string;
                                updatedAt: string;
                                updatedBy: string;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        edges: {
                            animated?: boolean;
                            id: string;
                            label?: string;
                            selected?: boolean;
                            source: string;
                            sourceHandle?: string | null;
                            target: string;
                            targetHandle?: string | null;
                            type?: string;
                        }[];
                        id: string;
                        /** @enum {string} */
                        lifecycle: "joiner" | "mover" | "leaver" | "rehire" | "custom";
                        name: string;
                        nodes: ({
                            data: {
                                description?: string;
                                label?: string;
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "start";
                            width?: number;
                        } | {
                            data: {
                                action: string;
                                connectionId?: string;
                                continueOnError?: boolean;
                                description?: string;
                                label?: string;
                                operatorWaitHours?: number;
                                /** @default {} */
                                params?: {
                                    [key: string]: {
                                        expression: string;
                                    } | string | number | boolean | null | (string | number | boolean)[];
                                };
                                retry?: {
                                    backoffCoefficient?: number;
                                    initialIntervalSeconds?: number;
                                    maximumAttempts?: number;
                                    maximumIntervalSeconds?: number;
                                };
                                timeoutSeconds?: number;
                                waitForOperator?: boolean;
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "action";
                            width?: number;
                        } | {
                            data: {
                                description?: string;
                                label?: string;
                                rules: {
                                    conditions: {
                                        all: components["schemas"]["ConditionInput"][];
                                    } | {
                                        any: components["schemas"]["ConditionInput"][];
                                    } | {
                                        not: components["schemas"]["ConditionInput"];
                                    };
                                    label?: string;
                                    outcome: string;
                                }[];
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "decision";
                            width?: number;
                        } | {
                            data: {
                                description?: string;
                                label?: string;
                                wait: {
                                    duration: {
                                        days?: number;
                                        hours?: number;
                                        minutes?: number;
                                        seconds?: number;
                                    };
                                    /** @enum {string} */
                                    kind: "duration";
                                } | {
                                    at?: string;
                                    attribute: string;
                                    /** @enum {string} */
                                    kind: "until";
                                    /** @default 0 */
                                    offsetDays?: number;
                                    timeZone?: string;
                                };
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "wait";
                            width?: number;
                        } | {
                            data: {
                                approvers?: ({
                                    /** @enum {string} */
                                    kind: "user";
                                    userId: string;
                                } | {
                                    /** @default managerId */
                                    attribute?: string;
                                    /** @enum {string} */
                                    kind: "manager";
                                    /** @default 1 */
                                    level?: number;
                                } | {
                                    groupId: string;
                                    /** @enum {string} */
                                    kind: "group";
                                } | {
                                    expression: string;
                                    /** @enum {string} */
                                    kind: "expression";
                                    /**
                                     * @default user
                                     * @enum {string}
                                     */
                                    resolveAs?: "user" | "employee";
                                })[];
                                description?: string;
                                fallback?: ({
                                    /** @enum {string} */
                                    kind: "user";
                                    userId: string;
                                } | {
                                    /** @default managerId */
                                    attribute?: string;
                                    /** @enum {string} */
                                    kind: "manager";
                                    /** @default 1 */
                                    level?: number;
                                } | {
                                    groupId: string;
                                    /** @enum {string} */
                                    kind: "group";
                                } | {
                                    expression: string;
                                    /** @enum {string} */
                                    kind: "expression";
                                    /**
                                     * @default user
                                     * @enum {string}
                                     */
                                    resolveAs?: "user" | "employee";
                                })[];
                                label?: string;
                                notify?: {
                                    connectionId: string;
                                    /**
                                     * @default {
                                     *       "days": 7
                                     *     }
                                     */
                                    linkValidity?: {
                                        days?: number;
                                        hours?: number;
                                        minutes?: number;
                                        seconds?: number;
                                    };
                                };
                                onApprove?: string;
                                question?: string;
                                stages?: {
                                    approvers: ({
                                        /** @enum {string} */
                                        kind: "user";
                                        userId: string;
                                    } | {
                                        /** @default managerId */
                                        attribute?: string;
                                        /** @enum {string} */
                                        kind: "manager";
                                        /** @default 1 */
                                        level?: number;
                                    } | {
                                        groupId: string;
                                        /** @enum {string} */
                                        kind: "group";
                                    } | {
                                        expression: string;
                                        /** @enum {string} */
                                        kind: "expression";
                                        /**
                                         * @default user
                                         * @enum {string}
                                         */
                                        resolveAs?: "user" | "employee";
                                    })[];
                                    deadline?: {
                                        after: {
                                            days?: number;
                                            hours?: number;
                                            minutes?: number;
                                            seconds?: number;
                                        };
                                        /** @default false */
                                        businessDays?: boolean;
                                        holidays?: string[];
                                        timeZone?: string;
                                    };
                                    escalation?: {
                                        /** @default 1 */
                                        levels?: number;
                                        /**
                                         * @default timeout
                                         * @enum {string}
                                         */
                                        then?: "timeout" | "approve" | "reject";
                                        /**
                                         * @default [
                                         *       {
                                         *         "kind": "approversManager"
                                         *       }
                                         *     ]
                                         */
                                        to?: ({
                                            /** @enum {string} */
                                            kind: "user";
                                            userId: string;
                                        } | {
                                            /** @default managerId */
                                            attribute?: string;
                                            /** @enum {string} */
                                            kind: "manager";
                                            /** @default 1 */
                                            level?: number;
                                        } | {
                                            groupId: string;
                                            /** @enum {string} */
                                            kind: "group";
                                        } | {
                                            expression: string;
                                            /** @enum {string} */
                                            kind: "expression";
                                            /**
                                             * @default user
                                             * @enum {string}
                                             */
                                            resolveAs?: "user" | "employee";
                                        } | {
                                            /** @enum {string} */
                                            kind: "approversManager";
                                        })[];
                                    };
                                    label?: string;
                                    /**
                                     * @default any
                                     * @enum {string}
                                     */
                                    mode?: "any" | "all" | "quorum";
                                    /**
                                     * @default timeout
                                     * @enum {string}
                                     */
                                    onDeadline?: "timeout" | "escalate" | "approve" | "reject";
                                    quorum?: number;
                                    reminders?: {
                                        days?: number;
                                        hours?: number;
                                        minutes?: number;
                                        seconds?: number;
                                    }[];
                                }[];
                                timeout?: {
                                    days?: number;
                                    hours?: number;
                                    minutes?: number;
                                    seconds?: number;
                                };
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "approval";
                            width?: number;
                        } | {
                            data: {
                                description?: string;
                                label?: string;
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "parallel";
                            width?: number;
                        } | {
                            data: {
                                description?: string;
                                label?: string;
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "join";
                            width?: number;
                        } | {
                            data: {
                                description?: string;
                                label?: string;
                                /**
                                 * @default succeeded
                                 * @enum {string}
                                 */
                                outcome?: "succeeded" | "failed";
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "end";
                            width?: number;
                        })[];
                        trigger?: {
                            changedAttributes?: string[];
                            date?: {
                                attribute: string;
                                offsetDays: number;
                            };
                            /** @default [] */
                            events?: ("hire" | "update" | "terminate" | "rehire" | "cancel" | "managerReady")[];
                            scope?: {
                                all: components["schemas"]["ConditionInput"][];
                            } | {
                                any: components["schemas"]["ConditionInput"][];
                            } | {
                                not: components["schemas"]["ConditionInput"];
                            };
                        };
                        viewport?: {
                            x: number;
                            y: number;
                            zoom: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string;
                            definition: {
                                description?: string;
                                edges: ({
                                    id: string;
                                    source: string;
                                    sourceHandle?: string | null;
                                    target: string;
                                    targetHandle?: string | null;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                id: string;
                                lifecycle: string;
                                name: string;
                                nodes: ({
                                    data: {
                                        [key: string]: unknown;
                                    };
                                    id: string;
                                    position: {
                                        x: number;
                                        y: number;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    /** @enum {string} */
                                    type: "start" | "action" | "decision" | "wait" | "approval" | "parallel" | "join" | "end";
                                } & {
                                    [key: string]: unknown;
                                })[];
                                trigger?: {
                                    [key: string]: unknown;
                                };
                                viewport?: {
                                    x: number;
                                    y: number;
                                    zoom: number;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            id: string;
                            latestRevision: number | null;
                            problems: ({
                                edgeId?: string;
                                message: string;
                                nodeId?: string;
                                path: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/definitions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string;
                            definition: {
                                description?: string;
                                edges: ({
                                    id: string;
                                    source: string;
                                    sourceHandle?: string | null;
                                    target: string;
                                    targetHandle?: string | null;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                id: string;
                                lifecycle: string;
                                name: string;
                                nodes: ({
                                    data: {
                                        [key: string]: unknown;
                                    };
                                    id: string;
                                    position: {
                                        x: number;
                                        y: number;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    /** @enum {string} */
                                    type: "start" | "action" | "decision" | "wait" | "approval" | "parallel" | "join" | "end";
                                } & {
                                    [key: string]: unknown;
                                })[];
                                trigger?: {
                                    [key: string]: unknown;
                                };
                                viewport?: {
                                    x: number;
                                    y: number;
                                    zoom: number;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            id: string;
                            latestRevision: number | null;
                            problems: ({
                                edgeId?: string;
                                message: string;
                                nodeId?: string;
                                path: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: {
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        edges: {
                            animated?: boolean;
                            id: string;
                            label?: string;
                            selected?: boolean;
                            source: string;
                            sourceHandle?: string | null;
                            target: string;
                            targetHandle?: string | null;
                            type?: string;
                        }[];
                        id: string;
                        /** @enum {string} */
                        lifecycle: "joiner" | "mover" | "leaver" | "rehire" | "custom";
                        name: string;
                        nodes: ({
                            data: {
                                description?: string;
                                label?: string;
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "start";
                            width?: number;
                        } | {
                            data: {
                                action: string;
                                connectionId?: string;
                                continueOnError?: boolean;
                                description?: string;
                                label?: string;
                                operatorWaitHours?: number;
                                /** @default {} */
                                params?: {
                                    [key: string]: {
                                        expression: string;
                                    } | string | number | boolean | null | (string | number | boolean)[];
                                };
                                retry?: {
                                    backoffCoefficient?: number;
                                    initialIntervalSeconds?: number;
                                    maximumAttempts?: number;
                                    maximumIntervalSeconds?: number;
                                };
                                timeoutSeconds?: number;
                                waitForOperator?: boolean;
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "action";
                            width?: number;
                        } | {
                            data: {
                                description?: string;
                                label?: string;
                                rules: {
                                    conditions: {
                                        all: components["schemas"]["ConditionInput"][];
                                    } | {
                                        any: components["schemas"]["ConditionInput"][];
                                    } | {
                                        not: components["schemas"]["ConditionInput"];
                                    };
                                    label?: string;
                                    outcome: string;
                                }[];
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "decision";
                            width?: number;
                        } | {
                            data: {
                                description?: string;
                                label?: string;
                                wait: {
                                    duration: {
                                        days?: number;
                                        hours?: number;
                                        minutes?: number;
                                        seconds?: number;
                                    };
                                    /** @enum {string} */
                                    kind: "duration";
                                } | {
                                    at?: string;
                                    attribute: string;
                                    /** @enum {string} */
                                    kind: "until";
                                    /** @default 0 */
                                    offsetDays?: number;
                                    timeZone?: string;
                                };
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "wait";
                            width?: number;
                        } | {
                            data: {
                                approvers?: ({
                                    /** @enum {string} */
                                    kind: "user";
                                    userId: string;
                                } | {
                                    /** @default managerId */
                                    attribute?: string;
                                    /** @enum {string} */
                                    kind: "manager";
                                    /** @default 1 */
                                    level?: number;
                                } | {
                                    groupId: string;
                                    /** @enum {string} */
                                    kind: "group";
                                } | {
                                    expression: string;
                                    /** @enum {string} */
                                    kind: "expression";
                                    /**
                                     * @default user
                                     * @enum {string}
                                     */
                                    resolveAs?: "user" | "employee";
                                })[];
                                description?: string;
                                fallback?: ({
                                    /** @enum {string} */
                                    kind: "user";
                                    userId: string;
                                } | {
                                    /** @default managerId */
                                    attribute?: string;
                                    /** @enum {string} */
                                    kind: "manager";
                                    /** @default 1 */
                                    level?: number;
                                } | {
                                    groupId: string;
                                    /** @enum {string} */
                                    kind: "group";
                                } | {
                                    expression: string;
                                    /** @enum {string} */
                                    kind: "expression";
                                    /**
                                     * @default user
                                     * @enum {string}
                                     */
                                    resolveAs?: "user" | "employee";
                                })[];
                                label?: string;
                                notify?: {
                                    connectionId: string;
                                    /**
                                     * @default {
                                     *       "days": 7
                                     *     }
                                     */
                                    linkValidity?: {
                                        days?: number;
                                        hours?: number;
                                        minutes?: number;
                                        seconds?: number;
                                    };
                                };
                                onApprove?: string;
                                question?: string;
                                stages?: {
                                    approvers: ({
                                        /** @enum {string} */
                                        kind: "user";
                                        userId: string;
                                    } | {
                                        /** @default managerId */
                                        attribute?: string;
                                        /** @enum {string} */
                                        kind: "manager";
                                        /** @default 1 */
                                        level?: number;
                                    } | {
                                        groupId: string;
                                        /** @enum {string} */
                                        kind: "group";
                                    } | {
                                        expression: string;
                                        /** @enum {string} */
                                        kind: "expression";
                                        /**
                                         * @default user
                                         * @enum {string}
                                         */
                                        resolveAs?: "user" | "employee";
                                    })[];
                                    deadline?: {
                                        after: {
                                            days?: number;
                                            hours?: number;
                                            minutes?: number;
                                            seconds?: number;
                                        };
                                        /** @default false */
                                        businessDays?: boolean;
                                        holidays?: string[];
                                        timeZone?: string;
                                    };
                                    escalation?: {
                                        /** @default 1 */
                                        levels?: number;
                                        /**
                                         * @default timeout
                                         * @enum {string}
                                         */
                                        then?: "timeout" | "approve" | "reject";
                                        /**
                                         * @default [
                                         *       {
                                         *         "kind": "approversManager"
                                         *       }
                                         *     ]
                                         */
                                        to?: ({
                                            /** @enum {string} */
                                            kind: "user";
                                            userId: string;
                                        } | {
                                            /** @default managerId */
                                            attribute?: string;
                                            /** @enum {string} */
                                            kind: "manager";
                                            /** @default 1 */
                                            level?: number;
                                        } | {
                                            groupId: string;
                                            /** @enum {string} */
                                            kind: "group";
                                        } | {
                                            expression: string;
                                            /** @enum {string} */
                                            kind: "expression";
                                            /**
                                             * @default user
                                             * @enum {string}
                                             */
                                            resolveAs?: "user" | "employee";
                                        } | {
                                            /** @enum {string} */
                                            kind: "approversManager";
                                        })[];
                                    };
                                    label?: string;
                                    /**
                                     * @default any
                                     * @enum {string}
                                     */
                                    mode?: "any" | "all" | "quorum";
                                    /**
                                     * @default timeout
                                     * @enum {string}
                                     */
                                    onDeadline?: "timeout" | "escalate" | "approve" | "reject";
                                    quorum?: number;
                                    reminders?: {
                                        days?: number;
                                        hours?: number;
                                        minutes?: number;
                                        seconds?: number;
                                    }[];
                                }[];
                                timeout?: {
                                    days?: number;
                                    hours?: number;
                                    minutes?: number;
                                    seconds?: number;
                                };
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "approval";
                            width?: number;
                        } | {
                            data: {
                                description?: string;
                                label?: string;
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "parallel";
                            width?: number;
                        } | {
                            data: {
                                description?: string;
                                label?: string;
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "join";
                            width?: number;
                        } | {
                            data: {
                                description?: string;
                                label?: string;
                                /**
                                 * @default succeeded
                                 * @enum {string}
                                 */
                                outcome?: "succeeded" | "failed";
                            };
                            dragging?: boolean;
                            height?: number;
                            id: string;
                            measured?: {
                                height?: number;
                                width?: number;
                            };
                            position: {
                                x: number;
                                y: number;
                            };
                            selected?: boolean;
                            /** @enum {string} */
                            type: "end";
                            width?: number;
                        })[];
                        trigger?: {
                            changedAttributes?: string[];
                            date?: {
                                attribute: string;
                                offsetDays: number;
                            };
                            /** @default [] */
                            events?: ("hire" | "update" | "terminate" | "rehire" | "cancel" | "managerReady")[];
                            scope?: {
                                all: components["schemas"]["ConditionInput"][];
                            } | {
                                any: components["schemas"]["ConditionInput"][];
                            } | {
                                not: components["schemas"]["ConditionInput"];
                            };
                        };
                        viewport?: {
                            x: number;
                            y: number;
                            zoom: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string;
                            definition: {
                                description?: string;
                                edges: ({
                                    id: string;
                                    source: string;
                                    sourceHandle?: string | null;
                                    target: string;
                                    targetHandle?: string | null;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                id: string;
                                lifecycle: string;
                                name: string;
                                nodes: ({
                                    data: {
                                        [key: string]: unknown;
                                    };
                                    id: string;
                                    position: {
                                        x: number;
                                        y: number;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    /** @enum {string} */
                                    type: "start" | "action" | "decision" | "wait" | "approval" | "parallel" | "join" | "end";
                                } & {
                                    [key: string]: unknown;
                                })[];
                                trigger?: {
                                    [key: string]: unknown;
                                };
                                viewport?: {
                                    x: number;
                                    y: number;
                                    zoom: number;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            id: string;
                            latestRevision: number | null;
                            problems: ({
                                edgeId?: string;
                                message: string;
                                nodeId?: string;
                                path: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/definitions/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            created: false;
                            revision: {
                                definitionId: string;
                                hash: string;
                                number: number;
                                publishedAt: string;
                                publishedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            created: true;
                            revision: {
                                definitionId: string;
                                hash: string;
                                number: number;
                                publishedAt: string;
                                publishedBy: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/definitions/{id}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            revisions: ({
                                definitionId: string;
                                hash: string;
                                number: number;
                                publishedAt: string;
                                publishedBy: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/definitions/{id}/revisions/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            hash: string;
                            number: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/definitions/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            problems: ({
                                edgeId?: string;
                                message: string;
                                nodeId?: string;
                                path: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            valid: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hr-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sources: ({
                                allowedIps: string[];
                                configured: boolean;
                                displayName: string;
                                hasSigningSecret: boolean;
                                id: string;
                                ratePerMinute: number | null;
                                requireSignature: boolean;
                                updatedAt: string | null;
                                updatedBy: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hr-sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedIps: string[];
                            configured: boolean;
                            displayName: string;
                            hasSigningSecret: boolean;
                            id: string;
                            ratePerMinute: number | null;
                            requireSignature: boolean;
                            updatedAt: string | null;
                            updatedBy: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allowedIps?: (string)[];
                        /** @default null */
                        ratePerMinute?: number | null;
                        /** @default false */
                        requireSignature?: boolean;
                        signingSecret?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedIps: string[];
                            configured: boolean;
                            displayName: string;
                            hasSigningSecret: boolean;
                            id: string;
                            ratePerMinute: number | null;
                            requireSignature: boolean;
                            updatedAt: string | null;
                            updatedBy: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hr/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: {
                    source?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        attributes?: {
                            [key: string]: string | number | boolean | null | string[];
                        };
                        effectiveAt?: string;
                        employeeId: string;
                        eventId: string;
                        /** @enum {string} */
                        type: "hire" | "update" | "terminate" | "rehire" | "cancel";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            accepted: true;
                            employeeId: string;
                            eventId: string;
                            personWorkflowId: string;
                            source: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hr/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    source?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            imports: ({
                                counts: {
                                    [key: string]: number;
                                };
                                createdAt: string;
                                createdBy: string;
                                dryRun: boolean;
                                heldReason: string | null;
                                id: string;
                                kind: string;
                                progress: {
                                    delivered: number;
                                    events: number;
                                    pending: number;
                                } & {
                                    [key: string]: unknown;
                                };
                                source: string;
                                status: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: {
                    dryRun?: string;
                    maxDisables?: number;
                    maxDisableShare?: number;
                    source?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": string;
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                [key: string]: number;
                            };
                            createdAt: string;
                            createdBy: string;
                            dryRun: boolean;
                            errors: ({
                                columnName?: string;
                                line?: number;
                                message: string;
                                path: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            events: ({
                                employeeId: string | null;
                                event: ({
                                    attributes?: {
                                        [key: string]: unknown;
                                    };
                                    employeeId: string;
                                    eventId: string;
                                    type: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                line: number | null;
                                note: string | null;
                                seq: number;
                                status: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            heldReason: string | null;
                            id: string;
                            kind: string;
                            progress: {
                                delivered: number;
                                events: number;
                                pending: number;
                            } & {
                                [key: string]: unknown;
                            };
                            source: string;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hr/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                [key: string]: number;
                            };
                            createdAt: string;
                            createdBy: string;
                            dryRun: boolean;
                            errors: ({
                                columnName?: string;
                                line?: number;
                                message: string;
                                path: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            events: ({
                                employeeId: string | null;
                                event: ({
                                    attributes?: {
                                        [key: string]: unknown;
                                    };
                                    employeeId: string;
                                    eventId: string;
                                    type: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                line: number | null;
                                note: string | null;
                                seq: number;
                                status: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            heldReason: string | null;
                            id: string;
                            kind: string;
                            progress: {
                                delivered: number;
                                events: number;
                                pending: number;
                            } & {
                                [key: string]: unknown;
                            };
                            source: string;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hr/imports/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            counts: {
                                [key: string]: number;
                            };
                            createdAt: string;
                            createdBy: string;
                            dryRun: boolean;
                            heldReason: string | null;
                            id: string;
                            kind: string;
                            progress: {
                                delivered: number;
                                events: number;
                                pending: number;
                            } & {
                                [key: string]: unknown;
                            };
                            source: string;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            counts: {
                                [key: string]: number;
                            };
                            createdAt: string;
                            createdBy: string;
                            dryRun: boolean;
                            heldReason: string | null;
                            id: string;
                            kind: string;
                            progress: {
                                delivered: number;
                                events: number;
                                pending: number;
                            } & {
                                [key: string]: unknown;
                            };
                            source: string;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hr/imports/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            counts: {
                                [key: string]: number;
                            };
                            createdAt: string;
                            createdBy: string;
                            dryRun: boolean;
                            heldReason: string | null;
                            id: string;
                            kind: string;
                            progress: {
                                delivered: number;
                                events: number;
                                pending: number;
                            } & {
                                [key: string]: unknown;
                            };
                            source: string;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inbound/scim/bulkUpload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: {
                    employeeIdFrom?: "externalId" | "userName" | "employeeNumber";
                    maxDisables?: number;
                    maxDisableShare?: number;
                    source?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        failOnErrors?: number | null;
                        Operations: unknown[];
                        schemas: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            importId: string;
                            Operations: ({
                                method: string;
                                status: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            schemas: string[];
                            source: string;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    source?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextCursor: string | null;
                            people: ({
                                displayName: string | null;
                                email: string | null;
                                employeeId: string;
                                source: string;
                                state: string | null;
                                updatedAt: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{employeeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    source?: string;
                };
                header?: never;
                path: {
                    employeeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts?: {
                                [key: string]: {
                                    action: string;
                                    at: string;
                                    connectionId: string;
                                    id: string;
                                    kind: string;
                                    runId: string;
                                    status: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            };
                            attributes: {
                                [key: string]: unknown;
                            };
                            employeeId: string;
                            recordedAt: string;
                            runs: ({
                                definitionId: string;
                                eventType: string;
                                lifecycle: string;
                                revision: number;
                                runId: string;
                                startedAt: string;
                                status: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            scheduled: ({
                                dateAttribute: string;
                                definitionId: string;
                                offsetDays: number;
                            } & {
                                [key: string]: unknown;
                            })[];
                            source: string;
                            state?: string | null;
                            /** @enum {string} */
                            status: "ok" | "needs-attention";
                            timeline: ({
                                at: string;
                                definitionId?: string;
                                eventId?: string;
                                kind: string;
                                message: string;
                                nodeId?: string;
                                runId?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    definitionId?: string;
                    employeeId?: string;
                    limit?: number;
                    status?: "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | "TERMINATED" | "TIMED_OUT" | "CONTINUED_AS_NEW";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextCursor: string | null;
                            runs: ({
                                closedAt: string | null;
                                definitionId: string;
                                employeeId: string;
                                id: string;
                                requestedBy: string;
                                revision: number;
                                startedAt: string;
                                workflowId: string;
                                workflowStatus: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        definitionId: string;
                        idempotencyKey?: string;
                        people: {
                            /** @default {} */
                            attributes?: {
                                [key: string]: unknown;
                            };
                            employeeId: string;
                        }[];
                        revision?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: {
                                definitionId: string;
                                employeeId: string;
                                id: string;
                                revision: number;
                                workflowId: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activities: {
                                activityType: string;
                                attempt: number;
                                lastAttemptAt: string | null;
                                lastError: {
                                    message: string;
                                    type?: string;
                                } | null;
                                maximumAttempts: number | null;
                                nextAttemptAt: string | null;
                                nodeId: string | null;
                                /** @enum {string} */
                                state: "scheduled" | "started" | "cancel-requested" | "paused" | "pause-requested" | "unknown";
                            }[];
                            closedAt: string | null;
                            error?: string;
                            nodes: {
                                [key: string]: {
                                    awaitingOperator?: boolean;
                                    endedAt?: string;
                                    error?: string;
                                    handle?: string;
                                    startedAt?: string;
                                    /** @enum {string} */
                                    status: "pending" | "running" | "waiting" | "done" | "failed" | "skipped";
                                    visits?: number;
                                    waitingFor?: string[];
                                    waitingUntil?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            };
                            openApprovals: ({
                                approvers: string[];
                                deadline?: string;
                                nodeId: string;
                                openedAt: string;
                                question?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @enum {string} */
                            outcome: "running" | "succeeded" | "failed" | "cancelled";
                            run: {
                                definitionId: string;
                                employeeId: string;
                                id: string;
                                requestedBy: string;
                                revision: number;
                                startedAt: string;
                                workflowId: string;
                            } & {
                                [key: string]: unknown;
                            };
                            trace: ({
                                action?: string;
                                approvers?: string[];
                                at: string;
                                connectionId?: string;
                                decisions?: ({
                                    approver: string;
                                    at: string;
                                    comment?: string;
                                    /** @enum {string} */
                                    decision: "approve" | "reject";
                                    stage?: number;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                error?: string;
                                handle?: string;
                                input?: {
                                    [key: string]: unknown;
                                };
                                nodeId: string;
                                output?: unknown;
                                rules?: ({
                                    conditions: ({
                                        fact: string;
                                        factValue?: unknown;
                                        operator: string;
                                        path?: string;
                                        result: boolean;
                                        value?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                    matched: boolean;
                                    outcome: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                until?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            vars: {
                                [key: string]: unknown;
                            };
                            workflowStatus: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            cancelRequested: true;
                            id: string;
                            workflowId: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        nodeId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            execution: string;
                            id: string;
                            /** @enum {string} */
                            mode: "resolve" | "reset";
                            nodeIds: string[];
                            workflowId: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}/steps/{nodeId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    nodeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "retry" | "skip" | "fail";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            action: "retry" | "skip" | "fail";
                            nodeId: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken?: string;
                            displayName: string;
                            expiresAt?: string;
                            id: string;
                            roles: string[];
                            /** @enum {string} */
                            via: "session" | "token";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        approvalOutcome?: ("approved" | "rejected" | "timeout") | {
                            [key: string]: "approved" | "rejected" | "timeout";
                        };
                        definition?: unknown;
                        definitionId?: string;
                        event?: {
                            changedAttributes?: string[];
                            effectiveAt?: string;
                            /** @enum {string} */
                            type: "hire" | "update" | "terminate" | "rehire" | "cancel";
                        };
                        /** Format: date-time */
                        now?: string;
                        person: {
                            /** @default {} */
                            attributes?: {
                                [key: string]: unknown;
                            };
                            employeeId?: string;
                        };
                        revision?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            employeeId?: string;
                            error?: string;
                            nodes: {
                                [key: string]: {
                                    awaitingOperator?: boolean;
                                    endedAt?: string;
                                    error?: string;
                                    handle?: string;
                                    startedAt?: string;
                                    /** @enum {string} */
                                    status: "pending" | "running" | "waiting" | "done" | "failed" | "skipped";
                                    visits?: number;
                                    waitingFor?: string[];
                                    waitingUntil?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            };
                            operations: ({
                                action: string;
                                connectionId?: string;
                                input: {
                                    [key: string]: unknown;
                                };
                                nodeId: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @enum {string} */
                            outcome: "running" | "succeeded" | "failed" | "cancelled";
                            path: string[];
                            problems: ({
                                edgeId?: string;
                                message: string;
                                nodeId?: string;
                                path: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            revision?: {
                                definition: {
                                    description?: string;
                                    edges: ({
                                        id: string;
                                        source: string;
                                        sourceHandle?: string | null;
                                        target: string;
                                        targetHandle?: string | null;
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                    id: string;
                                    lifecycle: string;
                                    name: string;
                                    nodes: ({
                                        data: {
                                            [key: string]: unknown;
                                        };
                                        id: string;
                                        position: {
                                            x: number;
                                            y: number;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                        /** @enum {string} */
                                        type: "start" | "action" | "decision" | "wait" | "approval" | "parallel" | "join" | "end";
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                    trigger?: {
                                        [key: string]: unknown;
                                    };
                                    viewport?: {
                                        x: number;
                                        y: number;
                                        zoom: number;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                                definitionId: string;
                                hash: string;
                                number: number;
                            } & {
                                [key: string]: unknown;
                            };
                            startedAt: string;
                            trace: ({
                                action?: string;
                                approvers?: string[];
                                at: string;
                                connectionId?: string;
                                decisions?: ({
                                    approver: string;
                                    at: string;
                                    comment?: string;
                                    /** @enum {string} */
                                    decision: "approve" | "reject";
                                    stage?: number;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                error?: string;
                                handle?: string;
                                input?: {
                                    [key: string]: unknown;
                                };
                                nodeId: string;
                                output?: unknown;
                                rules?: ({
                                    conditions: ({
                                        fact: string;
                                        factValue?: unknown;
                                        operator: string;
                                        path?: string;
                                        result: boolean;
                                        value?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                    matched: boolean;
                                    outcome: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                until?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            trigger: {
                                changeMatches: boolean | null;
                                eventMatches: boolean | null;
                                scope: ({
                                    conditions: ({
                                        fact: string;
                                        factValue?: unknown;
                                        operator: string;
                                        path?: string;
                                        result: boolean;
                                        value?: unknown;
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                    matched: boolean;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                wouldStart: boolean;
                            } & {
                                [key: string]: unknown;
                            };
                            vars: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sync-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobs: ({
                                createdAt: string;
                                createdBy: string;
                                enabled: boolean;
                                hrSource: string;
                                id: string;
                                intervalSeconds: number | null;
                                /** @enum {string} */
                                kind: "postgres-hr";
                                lastSnapshotRows: number | null;
                                name: string;
                                secretFields: string[];
                                source: {
                                    attributes: {
                                        [key: string]: string;
                                    };
                                    changeColumn?: string;
                                    connection: {
                                        database: string;
                                        host: string;
                                        /** @default 5432 */
                                        port: number;
                                        /**
                                         * @default disable
                                         * @enum {string}
                                         */
                                        ssl: "disable" | "require";
                                        user: string;
                                    };
                                    keyColumn: string;
                                    /** @enum {string} */
                                    mode: "delta" | "snapshot";
                                    /** @default 500 */
                                    pageSize: number;
                                    query: string;
                                    termination?: {
                                        column: string;
                                        inactiveValues: string[];
                                        /** @enum {string} */
                                        kind: "status";
                                    } | {
                                        /** @default lastDay */
                                        attribute: string;
                                        column: string;
                                        /** @enum {string} */
                                        kind: "date";
                                    };
                                };
                                thresholds: {
                                    maxDropShare: number;
                                    maxTerminations: number;
                                };
                                updatedAt: string;
                                updatedBy: string;
                                version: number;
                                watermark: {
                                    change: string;
                                    key: string;
                                } | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        enabled?: boolean;
                        /** @default hr */
                        hrSource?: string;
                        id: string;
                        /** @default null */
                        intervalSeconds?: number | null;
                        /** @enum {string} */
                        kind: "postgres-hr";
                        name: string;
                        secrets?: {
                            password?: string | null;
                        };
                        source: {
                            attributes: {
                                [key: string]: string;
                            };
                            changeColumn?: string;
                            connection: {
                                database: string;
                                host: string;
                                /** @default 5432 */
                                port?: number;
                                /**
                                 * @default disable
                                 * @enum {string}
                                 */
                                ssl?: "disable" | "require";
                                user: string;
                            };
                            keyColumn: string;
                            /** @enum {string} */
                            mode: "delta" | "snapshot";
                            /** @default 500 */
                            pageSize?: number;
                            query: string;
                            termination?: {
                                column: string;
                                inactiveValues: string[];
                                /** @enum {string} */
                                kind: "status";
                            } | {
                                /** @default lastDay */
                                attribute?: string;
                                column: string;
                                /** @enum {string} */
                                kind: "date";
                            };
                        };
                        /**
                         * @default {
                         *       "maxDropShare": 0.2,
                         *       "maxTerminations": 500
                         *     }
                         */
                        thresholds?: {
                            /** @default 0.2 */
                            maxDropShare?: number;
                            /** @default 500 */
                            maxTerminations?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string;
                            enabled: boolean;
                            hrSource: string;
                            id: string;
                            intervalSeconds: number | null;
                            /** @enum {string} */
                            kind: "postgres-hr";
                            lastSnapshotRows: number | null;
                            name: string;
                            secretFields: string[];
                            source: {
                                attributes: {
                                    [key: string]: string;
                                };
                                changeColumn?: string;
                                connection: {
                                    database: string;
                                    host: string;
                                    /** @default 5432 */
                                    port: number;
                                    /**
                                     * @default disable
                                     * @enum {string}
                                     */
                                    ssl: "disable" | "require";
                                    user: string;
                                };
                                keyColumn: string;
                                /** @enum {string} */
                                mode: "delta" | "snapshot";
                                /** @default 500 */
                                pageSize: number;
                                query: string;
                                termination?: {
                                    column: string;
                                    inactiveValues: string[];
                                    /** @enum {string} */
                                    kind: "status";
                                } | {
                                    /** @default lastDay */
                                    attribute: string;
                                    column: string;
                                    /** @enum {string} */
                                    kind: "date";
                                };
                            };
                            thresholds: {
                                maxDropShare: number;
                                maxTerminations: number;
                            };
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                            watermark: {
                                change: string;
                                key: string;
                            } | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sync-jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string;
                            enabled: boolean;
                            hrSource: string;
                            id: string;
                            intervalSeconds: number | null;
                            /** @enum {string} */
                            kind: "postgres-hr";
                            lastSnapshotRows: number | null;
                            name: string;
                            secretFields: string[];
                            source: {
                                attributes: {
                                    [key: string]: string;
                                };
                                changeColumn?: string;
                                connection: {
                                    database: string;
                                    host: string;
                                    /** @default 5432 */
                                    port: number;
                                    /**
                                     * @default disable
                                     * @enum {string}
                                     */
                                    ssl: "disable" | "require";
                                    user: string;
                                };
                                keyColumn: string;
                                /** @enum {string} */
                                mode: "delta" | "snapshot";
                                /** @default 500 */
                                pageSize: number;
                                query: string;
                                termination?: {
                                    column: string;
                                    inactiveValues: string[];
                                    /** @enum {string} */
                                    kind: "status";
                                } | {
                                    /** @default lastDay */
                                    attribute: string;
                                    column: string;
                                    /** @enum {string} */
                                    kind: "date";
                                };
                            };
                            thresholds: {
                                maxDropShare: number;
                                maxTerminations: number;
                            };
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                            watermark: {
                                change: string;
                                key: string;
                            } | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        enabled?: boolean;
                        /** @default hr */
                        hrSource?: string;
                        id: string;
                        /** @default null */
                        intervalSeconds?: number | null;
                        /** @enum {string} */
                        kind: "postgres-hr";
                        name: string;
                        secrets?: {
                            password?: string | null;
                        };
                        source: {
                            attributes: {
                                [key: string]: string;
                            };
                            changeColumn?: string;
                            connection: {
                                database: string;
                                host: string;
                                /** @default 5432 */
                                port?: number;
                                /**
                                 * @default disable
                                 * @enum {string}
                                 */
                                ssl?: "disable" | "require";
                                user: string;
                            };
                            keyColumn: string;
                            /** @enum {string} */
                            mode: "delta" | "snapshot";
                            /** @default 500 */
                            pageSize?: number;
                            query: string;
                            termination?: {
                                column: string;
                                inactiveValues: string[];
                                /** @enum {string} */
                                kind: "status";
                            } | {
                                /** @default lastDay */
                                attribute?: string;
                                column: string;
                                /** @enum {string} */
                                kind: "date";
                            };
                        };
                        /**
                         * @default {
                         *       "maxDropShare": 0.2,
                         *       "maxTerminations": 500
                         *     }
                         */
                        thresholds?: {
                            /** @default 0.2 */
                            maxDropShare?: number;
                            /** @default 500 */
                            maxTerminations?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string;
                            enabled: boolean;
                            hrSource: string;
                            id: string;
                            intervalSeconds: number | null;
                            /** @enum {string} */
                            kind: "postgres-hr";
                            lastSnapshotRows: number | null;
                            name: string;
                            secretFields: string[];
                            source: {
                                attributes: {
                                    [key: string]: string;
                                };
                                changeColumn?: string;
                                connection: {
                                    database: string;
                                    host: string;
                                    /** @default 5432 */
                                    port: number;
                                    /**
                                     * @default disable
                                     * @enum {string}
                                     */
                                    ssl: "disable" | "require";
                                    user: string;
                                };
                                keyColumn: string;
                                /** @enum {string} */
                                mode: "delta" | "snapshot";
                                /** @default 500 */
                                pageSize: number;
                                query: string;
                                termination?: {
                                    column: string;
                                    inactiveValues: string[];
                                    /** @enum {string} */
                                    kind: "status";
                                } | {
                                    /** @default lastDay */
                                    attribute: string;
                                    column: string;
                                    /** @enum {string} */
                                    kind: "date";
                                };
                            };
                            thresholds: {
                                maxDropShare: number;
                                maxTerminations: number;
                            };
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                            watermark: {
                                change: string;
                                key: string;
                            } | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sync-jobs/{id}/cycles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cycles: ({
                                approvedAt: string | null;
                                approvedBy: string | null;
                                counts: {
                                    [key: string]: number;
                                };
                                errors: {
                                    key?: string;
                                    message: string;
                                    page: number;
                                    path: string;
                                }[];
                                failure: string | null;
                                finishedAt: string | null;
                                heldReason: string | null;
                                id: string;
                                jobId: string;
                                /** @enum {string} */
                                mode: "delta" | "snapshot";
                                pages: number;
                                startedAt: string;
                                /** @enum {string} */
                                status: "running" | "succeeded" | "held" | "failed";
                                /** @enum {string} */
                                trigger: "schedule" | "manual";
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sync-jobs/{id}/cycles/{cycleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    cycleId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvedAt: string | null;
                            approvedBy: string | null;
                            counts: {
                                [key: string]: number;
                            };
                            errors: {
                                key?: string;
                                message: string;
                                page: number;
                                path: string;
                            }[];
                            failure: string | null;
                            finishedAt: string | null;
                            heldReason: string | null;
                            id: string;
                            jobId: string;
                            /** @enum {string} */
                            mode: "delta" | "snapshot";
                            pages: number;
                            startedAt: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "held" | "failed";
                            /** @enum {string} */
                            trigger: "schedule" | "manual";
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sync-jobs/{id}/cycles/{cycleId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    cycleId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvedAt: string | null;
                            approvedBy: string | null;
                            counts: {
                                [key: string]: number;
                            };
                            errors: {
                                key?: string;
                                message: string;
                                page: number;
                                path: string;
                            }[];
                            failure: string | null;
                            finishedAt: string | null;
                            heldReason: string | null;
                            id: string;
                            jobId: string;
                            /** @enum {string} */
                            mode: "delta" | "snapshot";
                            pages: number;
                            startedAt: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "held" | "failed";
                            /** @enum {string} */
                            trigger: "schedule" | "manual";
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sync-jobs/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cycleId: string;
                            jobId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: ({
                                createdAt: string;
                                disabled: boolean;
                                displayName: string;
                                email: string | null;
                                employeeId: string | null;
                                id: string;
                                roles: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName: string;
                        /** Format: email */
                        email?: string;
                        employeeId?: string;
                        id: string;
                        /** @default [] */
                        roles?: ("admin" | "designer" | "publisher" | "approver" | "operator" | "auditor" | "hr-source")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            disabled: boolean;
                            displayName: string;
                            email: string | null;
                            employeeId: string | null;
                            id: string;
                            roles: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        roles: ("admin" | "designer" | "publisher" | "approver" | "operator" | "auditor" | "hr-source")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            disabled: boolean;
                            displayName: string;
                            email: string | null;
                            employeeId: string | null;
                            id: string;
                            roles: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: ({
                                createdAt: string;
                                createdBy: string;
                                expiresAt: string | null;
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                revokedAt: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expiresInDays?: number;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string | null;
                            id: string;
                            token: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an HTML page for a browser, or the error envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                        "text/html": string;
                    };
                };
                /** @description an HTML page for a browser, or the error envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                        "text/html": string;
                    };
                };
                /** @description Default Response */
                303: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            loginUrl: string;
                            oidc: boolean;
                            signedIn: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    returnTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an HTML page for a browser, or the error envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                        "text/html": string;
                    };
                };
                /** @description an HTML page for a browser, or the error envelope */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                        "text/html": string;
                    };
                };
                /** @description Default Response */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                database: {
                                    error?: string;
                                    ok: boolean;
                                };
                                server: {
                                    error?: string;
                                    ok: boolean;
                                };
                                temporal: {
                                    error?: string;
                                    ok: boolean;
                                };
                                worker?: {
                                    error?: string;
                                    ok: boolean;
                                };
                            };
                            /** @enum {string} */
                            status: "ok" | "degraded";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                database: {
                                    error?: string;
                                    ok: boolean;
                                };
                                server: {
                                    error?: string;
                                    ok: boolean;
                                };
                                temporal: {
                                    error?: string;
                                    ok: boolean;
                                };
                                worker?: {
                                    error?: string;
                                    ok: boolean;
                                };
                            };
                            /** @enum {string} */
                            status: "ok" | "degraded";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                            uptimeSeconds: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                database: {
                                    error?: string;
                                    ok: boolean;
                                };
                                server: {
                                    error?: string;
                                    ok: boolean;
                                };
                                temporal: {
                                    error?: string;
                                    ok: boolean;
                                };
                                worker?: {
                                    error?: string;
                                    ok: boolean;
                                };
                            };
                            /** @enum {string} */
                            status: "ok" | "degraded";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                database: {
                                    error?: string;
                                    ok: boolean;
                                };
                                server: {
                                    error?: string;
                                    ok: boolean;
                                };
                                temporal: {
                                    error?: string;
                                    ok: boolean;
                                };
                                worker?: {
                                    error?: string;
                                    ok: boolean;
                                };
                            };
                            /** @enum {string} */
                            status: "ok" | "degraded";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hooks/approvals/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an HTML page for a browser, or the error envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                        "text/html": string;
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description the confirmation page, or its JSON when the client asks only for JSON */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description an HTML page for a browser, or the error envelope */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                        "text/html": string;
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description the decision, as a page or as JSON when the client asks only for JSON */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approval: string;
                            outcome: string;
                            stage?: number;
                        } & {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hooks/callbacks/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            accepted: true;
                            callbackId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    bulkId?: string;
                                    column?: number;
                                    columnName?: string;
                                    edgeId?: string;
                                    index?: number;
                                    line?: number;
                                    message: string;
                                    nodeId?: string;
                                    path: string;
                                }[];
                                message: string;
                            };
                        };
                    };
                };
                /** @description Prometheus metrics in the text exposition format */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Condition: {
            fact: string;
            operator: string;
            params?: {
                [key: string]: unknown;
            };
            path?: string;
            value: unknown;
        } | {
            all: components["schemas"]["Condition"][];
        } | {
            any: components["schemas"]["Condition"][];
        } | {
            not: components["schemas"]["Condition"];
        };
        ConditionInput: {
            fact: string;
            operator: string;
            params?: {
                [key: string]: unknown;
            };
            path?: string;
            value: unknown;
        } | {
            all: components["schemas"]["ConditionInput"][];
        } | {
            any: components["schemas"]["ConditionInput"][];
        } | {
            not: components["schemas"]["ConditionInput"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
